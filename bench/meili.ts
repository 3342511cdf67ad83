import { randomBytes } from "node:crypto";
import type { SearchEngine } from "../search/engine";
import { MeiliSearchEngine } from "../search/engines/meilisearch";

// Opens the project's Meilisearch engine on the benchmark's throwaway server, with an index of its own.
export async function createBenchMeiliEngine(url: string, apiKey: string): Promise<{ engine: SearchEngine; version: string }> {
  const engine = await MeiliSearchEngine.connect({ url, apiKey, indexUid: `bench_${randomBytes(4).toString("hex")}` });
  const response = await fetch(`${url}/version`, { headers: { Authorization: `Bearer ${apiKey}` } });
  const { pkgVersion } = (await response.json()) as { pkgVersion?: string };
  return { engine, version: `Meilisearch ${pkgVersion ?? "(unknown version)"}` };
}
