import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { Database } from "../../db/database";
import { migrate } from "../../db/migrate";
import { openPglite } from "../../db/pglite";
import { openPostgres } from "../../db/postgres";

// Every integration suite runs on embedded PGlite and, when TEST_DATABASE_URL is set, on
// server Postgres too. Each test database is new (in memory, or a fresh database on the
// server), so parallel runs never see each other's rows.

export interface TestDatabase {
  db: Database;
  /** Server Postgres URL of this database (undefined on PGlite): for child processes. */
  url?: string;
  drop(): Promise<void>;
}

export interface Backend {
  name: "pglite" | "postgres";
  create(options?: { migrated?: boolean }): Promise<TestDatabase>;
}

export const serverUrl = process.env.TEST_DATABASE_URL || undefined;

/** Creates an empty database on the test server and returns its URL. */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `kizuna_t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleaner = postgres(serverUrl!, { max: 1, onnotice: () => {} });
      await cleaner.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleaner.end();
    },
  };
}

const pglite: Backend = {
  name: "pglite",
  async create({ migrated = true } = {}) {
    const db = await openPglite();
    if (migrated) await migrate(db);
    return { db, drop: () => db.close() };
  },
};

const server: Backend = {
  name: "postgres",
  async create({ migrated = true } = {}) {
    const { url, drop } = await createServerDatabase();
    const db = await openPostgres(url, { max: 4 });
    if (migrated) await migrate(db);
    return {
      db,
      url,
      async drop() {
        await db.close();
        await drop();
      },
    };
  },
};

export const backends: Backend[] = serverUrl ? [pglite, server] : [pglite];

if (!serverUrl) {
  console.log("[kizuna tests] TEST_DATABASE_URL is not set: integration suites run on PGlite only.");
}
