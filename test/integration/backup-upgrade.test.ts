import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { knownMigrations, migrateWithin } from "../../db/migrate";
import { writeBackup } from "../../ops/backup";
import { appliedMigrations, backedUpTables, ident, type TableInfo } from "../../ops/catalog";
import { restoreBackup } from "../../ops/restore";
import { PostgresSearchEngine } from "../../search/engines/postgres";
import { SearchIndexer } from "../../search/indexer";
import { SEARCH_SOURCES } from "../../server/search-sources";
import { backends, type TestDatabase } from "../support/db";
import { buildWorkspace, type Workspace } from "../support/workspace";

// A backup taken by an older Kizuna restores into a new database and is brought up to date
// there, in the restore's one transaction: the schema of the backup's version, its rows, then
// the later migrations. A backup from a newer Kizuna, an older one into a database that has a
// schema, and a damaged file are refused, and leave the database as it was.

/** The schema the backup is taken at: a version before later migrations (0011 indexes drafts and comments). */
const OLD_VERSION = "0010_versions";

const indexerOf = (db: Database) => new SearchIndexer(db, new PostgresSearchEngine(db), SEARCH_SOURCES);

/** Tables (any kind of relation) in the database's schema: none in a new database. */
async function relations(db: Database): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    "SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p', 'v', 'S') ORDER BY relname",
  );
  return rows.map((r) => r.name);
}

/** The rows of `table`, read as the columns it had in the backed-up schema, in key order. */
async function rowsOf(db: Database, table: TableInfo): Promise<unknown[]> {
  const columns = table.columns.map((c) => `${ident(c.name)}::text`).join(", ");
  const order = table.primaryKey.length ? ` ORDER BY ${table.primaryKey.map(ident).join(", ")}` : "";
  return db.query(`SELECT ${columns} FROM ${ident(table.name)}${order}`);
}

/** Copies a backup, letting `edit` change its lines (the first is the header). */
async function rewrite(from: string, to: string, edit: (lines: string[]) => void): Promise<string> {
  const lines = gunzipSync(await readFile(from)).toString("utf8").split("\n");
  edit(lines);
  await writeFile(to, gzipSync(lines.join("\n")));
  return to;
}

describe.each(backends)("restoring an older backup on $name", (backend) => {
  let source: TestDatabase;
  let workspace: Workspace;
  let oldTables: TableInfo[];
  let dir: string;
  let file: string;
  const open: TestDatabase[] = [];
  const create = async (migrated: boolean): Promise<TestDatabase> => {
    const t = await backend.create({ migrated });
    open.push(t);
    return t;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "kizuna-backup-upgrade-"));
    file = path.join(dir, "old.kizuna.gz");
    source = await create(false);
    await source.db.transaction((tx) => migrateWithin(tx, { through: OLD_VERSION }));
    workspace = await buildWorkspace(source.db);
    oldTables = await backedUpTables(source.db);
    await writeBackup(source.db, file);
  }, 120_000);
  afterAll(async () => {
    for (const t of open) await t.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it("restores a backup of an older schema into a new database and applies the later migrations", async () => {
    const known = await knownMigrations();
    const sourceVersions = await appliedMigrations(source.db);
    expect(sourceVersions.at(-1)).toBe(OLD_VERSION);
    expect(known.length).toBeGreaterThan(sourceVersions.length);

    const target = await create(false);
    expect(await relations(target.db)).toEqual([]);
    const messages: string[] = [];
    const restored = await restoreBackup(target.db, file, { search: indexerOf(target.db), progress: (m) => messages.push(m) });
    expect(restored.tables).toBe(oldTables.length);
    expect(messages.join("\n")).toContain(`バックアップの版(${OLD_VERSION})まで作っています`);
    expect(messages.join("\n")).toContain(`最新の版(${known.at(-1)})に更新しています`);

    expect(await appliedMigrations(target.db)).toEqual(known);
    let rows = 0;
    for (const table of oldTables) {
      const [was, is] = [await rowsOf(source.db, table), await rowsOf(target.db, table)];
      expect(is, table.name).toEqual(was);
      rows += was.length;
    }
    expect(restored.rows).toBe(rows);
    for (const table of ["users", "records", "files", "drafts", "draft_updates", "draft_versions", "comments"]) {
      expect((await rowsOf(source.db, oldTables.find((t) => t.name === table)!)).length, table).toBeGreaterThan(0);
    }

    // 0011: search_chunks names the draft of a hit, and drafts' clauses and comments are indexed.
    const engine = new PostgresSearchEngine(target.db);
    const clauses = await engine.search({ query: "関係団体", pageSize: 20, filters: { kinds: ["clause"] } });
    expect(clauses.hits.some((h) => h.draftId === workspace.draftId)).toBe(true);
    const comments = await engine.search({ query: "社会福祉協議会", pageSize: 20, filters: { kinds: ["comment"] } });
    expect(comments.hits.some((h) => h.draftId === workspace.draftId)).toBe(true);
    const laws = await engine.search({ query: "孤独・孤立対策", pageSize: 20, filters: { kinds: ["law"] } });
    expect(laws.total).toBeGreaterThan(0);
    const [{ drafts }] = (await target.db.query<{ drafts: number }>("SELECT count(*)::int AS drafts FROM search_chunks WHERE draft_id IS NOT NULL")) as [{ drafts: number }];
    expect(drafts).toBeGreaterThan(0);
  });

  it("refuses a backup from a newer Kizuna, and the new database stays new", async () => {
    const newer = await rewrite(file, path.join(dir, "newer.kizuna.gz"), (lines) => {
      const header = JSON.parse(lines[0]!);
      header.migrations.push("9999_from_a_newer_kizuna");
      lines[0] = JSON.stringify(header);
    });
    const target = await create(false);
    await expect(restoreBackup(target.db, newer, { search: indexerOf(target.db) })).rejects.toThrow(
      /構造の版が違うため復元できません（バックアップ: 9999_from_a_newer_kizuna、.*Kizunaを、バックアップを取ったときの版以降に更新/,
    );
    expect(await relations(target.db)).toEqual([]);
  });

  it("refuses an older backup into a database that already has a schema, saying to restore into a new one, and changes nothing", async () => {
    const target = await create(true);
    const before = await Promise.all((await backedUpTables(target.db)).map((t) => rowsOf(target.db, t)));
    const migrations = await appliedMigrations(target.db);
    const refused = restoreBackup(target.db, file, { search: indexerOf(target.db) });
    await expect(refused).rejects.toThrow(/古い版のKizunaで取られたもので.*新しいデータディレクトリ\(KIZUNA_DATA_DIR\)か空のデータベース\(DATABASE_URL\).*最新の版に更新されます/);
    await expect(refused).rejects.toMatchObject({ code: "backup_schema_version", status: 409 });
    expect(await appliedMigrations(target.db)).toEqual(migrations);
    expect(await Promise.all((await backedUpTables(target.db)).map((t) => rowsOf(target.db, t)))).toEqual(before);
  });

  it("leaves a new database without tables when a row fails halfway through the load", async () => {
    const damaged = await rewrite(file, path.join(dir, "damaged.kizuna.gz"), (lines) => {
      // A row of comments (late in the file, after users, records and drafts) missing a column.
      const at = lines.findIndex((l) => l.startsWith('{"table":"comments"'));
      expect(at).toBeGreaterThan(lines.findIndex((l) => l.startsWith('{"table":"users"')));
      const row = JSON.parse(lines[at]!);
      row.row.pop();
      lines[at] = JSON.stringify(row);
    });
    const target = await create(false);
    await expect(restoreBackup(target.db, damaged, { search: indexerOf(target.db) })).rejects.toThrow(/バックアップファイルが壊れている.*comments/);
    expect(await relations(target.db)).toEqual([]);

    // The same database then takes the good backup.
    await restoreBackup(target.db, file, { search: indexerOf(target.db) });
    expect(await appliedMigrations(target.db)).toEqual(await knownMigrations());
  });
});
