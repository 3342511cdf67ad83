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

/**
 * Applies every migrations/*.sql not yet recorded, each in its own transaction, under an
 * advisory lock so two processes starting at once never apply the same file twice.
 */
export async function migrate(db: Database): Promise<MigrationResult> {
  const files = await migrationFiles();
  await db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version text PRIMARY KEY,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const applied: string[] = [];
  for (const file of files) {
    const version = file.replace(/\.sql$/, "");
    const script = await readFile(path.join(MIGRATIONS_DIR, file), "utf8");
    const didApply = await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      const done = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [version]);
      if (done.length > 0) return false;
      await tx.exec(script);
      await tx.query("INSERT INTO schema_migrations (version) VALUES ($1)", [version]);
      return true;
    });
    if (didApply) applied.push(version);
  }
  return { applied, total: files.length };
}

async function migrationFiles(): Promise<string[]> {
  return (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith(".sql")).sort();
}

/** Versions this code expects that the database has not recorded (readiness checks). */
export async function pendingMigrations(db: Queryable): Promise<string[]> {
  const recorded = await db.query<{ version: string }>("SELECT version FROM schema_migrations");
  const done = new Set(recorded.map((r) => r.version));
  return (await migrationFiles()).map((f) => f.replace(/\.sql$/, "")).filter((version) => !done.has(version));
}
