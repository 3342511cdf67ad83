import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import type { Database } from "../db/database";
import { migrate } from "../db/migrate";
import { openPglite } from "../db/pglite";
import { openPostgres } from "../db/postgres";
import type { SearchEngine } from "../search/engine";
import { PostgresSearchEngine } from "../search/engines/postgres";

// The engines a benchmark run measures, each on storage of its own that is removed at the
// end: PGlite in a temporary data directory, a database created on the server for this run,
// and a throwaway Meilisearch server when its engine and binary are present.

export interface BenchTarget {
  name: string;
  engine: SearchEngine;
  /** The Postgres database behind the engine (for the naive baseline); none for Meilisearch. */
  db?: Database;
  version: string;
  close(): Promise<void>;
}

export type Skipped = { skipped: string };

async function serverVersion(db: Database): Promise<string> {
  const [row] = await db.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  return `PostgreSQL ${row!.v}`;
}

export async function openPgliteTarget(): Promise<BenchTarget> {
  const dir = mkdtempSync(path.join(tmpdir(), "kizuna-bench-pglite-"));
  try {
    const db = await openPglite(dir);
    await migrate(db);
    return {
      name: "pglite",
      engine: new PostgresSearchEngine(db),
      db,
      version: `${await serverVersion(db)} (PGlite, WebAssembly)`,
      async close() {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

export async function openServerTarget(serverUrl: string): Promise<BenchTarget | Skipped> {
  const name = `kizuna_bench_${Date.now().toString(36)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } catch (error) {
    return { skipped: `cannot create a database at ${serverUrl}: ${(error as Error).message}` };
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    const cleaner = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await cleaner.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleaner.end();
  };
  try {
    const db = await openPostgres(url.toString(), { max: 4 });
    await migrate(db);
    return {
      name: "postgres",
      engine: new PostgresSearchEngine(db),
      db,
      version: await serverVersion(db),
      async close() {
        await db.close();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Meilisearch through the project's own engine and server helper, when both exist and the binary runs here. */
export async function openMeiliTarget(): Promise<BenchTarget | Skipped> {
  if (!existsSync(path.join(here, "../search/engines/meilisearch.ts"))) return { skipped: "search/engines/meilisearch.ts does not exist yet" };
  const server = await import("../search/meili-server");
  if (!server.meiliBinaryAvailable()) return { skipped: "the Meilisearch binary is not installed for this platform" };
  const meili = await server.startMeiliServer().catch((error: Error) => error);
  if (meili instanceof Error) return { skipped: meili.message.split("\n")[0]! };
  try {
    const { createBenchMeiliEngine } = await import("./meili");
    const { engine, version } = await createBenchMeiliEngine(meili.url, meili.masterKey);
    return { name: "meilisearch", engine, version, close: () => meili.stop() };
  } catch (error) {
    await meili.stop();
    return { skipped: `the Meilisearch engine could not be opened: ${(error as Error).message}` };
  }
}
