import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import type { Database, Queryable } from "./database";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
// Any fixed number: it only has to be the same in every process that migrates.
const MIGRATION_LOCK = 7_311_001;

export interface MigrationResult {
  applied: string[];
  total: number;
}

interface Migration {
  version: string;
  script: string;
}

/**
 * Applies every migrations/*.sql not yet recorded, each in its own transaction, under an
 * advisory lock so two processes starting at once never apply the same file twice.
 */
export async function migrate(db: Database): Promise<MigrationResult> {
  const migrations = await readMigrations();
  await db.transaction(prepare);
  const applied: string[] = [];
  for (const migration of migrations) {
    if (await db.transaction((tx) => applyOne(tx, migration))) applied.push(migration.version);
  }
  return { applied, total: migrations.length };
}

/**
 * Applies, inside the caller's transaction, every migration not yet recorded, or only those
 * up to and including `through` (a version this code knows). The caller's commit or
 * rollback decides for them all: `kizuna restore` builds a fresh database's schema this way,
 * loads the rows, then brings it up to date, so a failure anywhere leaves nothing behind.
 */
export async function migrateWithin(tx: Queryable, options: { through?: string } = {}): Promise<MigrationResult> {
  let migrations = await readMigrations();
  if (options.through !== undefined) {
    const last = migrations.findIndex((m) => m.version === options.through);
    if (last < 0) throw new Error(`unknown migration ${options.through}`);
    migrations = migrations.slice(0, last + 1);
  }
  await prepare(tx);
  const applied: string[] = [];
  for (const migration of migrations) if (await applyOne(tx, migration)) applied.push(migration.version);
  return { applied, total: migrations.length };
}

/** The versions this code knows (migrations/*.sql without .sql), in the order they apply. */
export async function knownMigrations(): Promise<string[]> {
  return (await migrationFiles()).map((f) => f.replace(/\.sql$/, ""));
}

/** Whether the database was ever migrated (has schema_migrations); a new database was not. */
export async function isMigrated(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
  return Boolean(row?.present);
}

/** Takes the lock (held until the transaction ends) and creates the bookkeeping table if missing. */
async function prepare(tx: Queryable) {
  await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
  await tx.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version text PRIMARY KEY,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
}

/** Applies one migration in `tx` unless it is recorded already; whether it did. */
async function applyOne(tx: Queryable, { version, script }: Migration): Promise<boolean> {
  await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
  const done = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [version]);
  if (done.length > 0) return false;
  await tx.exec(script);
  await tx.query("INSERT INTO schema_migrations (version) VALUES ($1)", [version]);
  return true;
}

async function migrationFiles(): Promise<string[]> {
  return (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith(".sql")).sort();
}

async function readMigrations(): Promise<Migration[]> {
  const files = await migrationFiles();
  return Promise.all(files.map(async (file) => ({ version: file.replace(/\.sql$/, ""), script: await readFile(path.join(MIGRATIONS_DIR, file), "utf8") })));
}

/** Versions this code expects that the database has not recorded (readiness checks). */
export async function pendingMigrations(db: Queryable): Promise<string[]> {
  const recorded = await db.query<{ version: string }>("SELECT version FROM schema_migrations");
  const done = new Set(recorded.map((r) => r.version));
  return (await knownMigrations()).filter((version) => !done.has(version));
}
