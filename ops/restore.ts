import type { Database, Queryable } from "../db/database";
import { isMigrated, knownMigrations, migrate, migrateWithin } from "../db/migrate";
import { UserFacingError } from "../lib/errors";
import { throttled } from "./backup";
import { corrupt, fileError, parseHeader, parseRow, readLines, type BackupHeader, type BackupTable } from "./backup-format";
import { appliedMigrations, backedUpTables, ident, type TableInfo } from "./catalog";

// `kizuna restore`: a backup into an empty database, in one transaction (a failure leaves
// the database as it was), then the search index rebuilt. Rows are inserted in the file's
// order, parents first; ids are kept as they were. A new database (never migrated) takes a
// backup of this version or an older one: the transaction builds the schema of the backup's
// version, loads the rows, then applies the later migrations, as an upgrade would. A
// database that has a schema is brought up to date first and takes only a backup of that version.

export interface RestoreOptions {
  /** The search indexer: rebuilt from the restored rows once they are committed. */
  search: { reindex(): Promise<{ sources: number; chunks: number }> };
  /** Empties every table first (in the same transaction) instead of refusing a database with rows. */
  force?: boolean;
  progress?: (message: string) => void;
}

export interface RestoreSummary {
  file: string;
  tables: number;
  rows: number;
  /** What the rebuilt search index holds. */
  indexed: { sources: number; chunks: number };
}

/** Rows sent to Postgres in one INSERT: up to this many, or about this many bytes. */
const BATCH_ROWS = 1000;
const BATCH_BYTES = 8 * 1024 * 1024;

export async function restoreBackup(db: Database, file: string, options: RestoreOptions): Promise<RestoreSummary> {
  let header: BackupHeader;
  try {
    const fresh = !(await isMigrated(db));
    if (!fresh) {
      const { applied } = await migrate(db);
      if (applied.length) options.progress?.(`復元先のデータベースの構造を最新の版(${applied.at(-1)})に更新しました。`);
    }
    header = await db.transaction(async (tx) => {
      const loader = new RestoreLoader(tx, options, fresh);
      await loader.load(readLines(file));
      return loader.finish();
    });
  } catch (error) {
    throw fileError(error, file, true);
  }
  const indexed = await options.search.reindex();
  const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
  return { file, tables: header.tables.length, rows, indexed };
}

interface Batch {
  table: BackupTable;
  target: TableInfo;
  insert: string;
  rows: (string | null)[][];
  bytes: number;
  inserted: number;
}

class RestoreLoader {
  private header: BackupHeader | undefined;
  private targets = new Map<string, TableInfo>();
  private current: Batch | undefined;
  private readonly done = new Set<string>();
  private readonly report: (message: string) => void;

  constructor(
    private readonly tx: Queryable,
    private readonly options: RestoreOptions,
    /** A new database: the schema is built in this transaction, for the backup's version, then brought up to date. */
    private readonly fresh: boolean,
  ) {
    this.report = throttled(options.progress);
  }

  async load(lines: AsyncIterable<string>): Promise<void> {
    for await (const line of lines) {
      if (!line) continue;
      if (!this.header) {
        this.header = parseHeader(line);
        if (this.fresh) await buildSchema(this.tx, this.header, this.options.progress);
        this.targets = await prepareTarget(this.tx, this.header, Boolean(this.options.force), this.options.progress);
        continue;
      }
      const { table, row } = parseRow(line);
      const batch = await this.batchFor(table);
      if (row.length !== batch.target.columns.length) throw corrupt(`表 ${table} の行の列の数が合いません`);
      batch.rows.push(row);
      batch.bytes += line.length;
      if (batch.rows.length >= BATCH_ROWS || batch.bytes >= BATCH_BYTES) await this.flush(batch);
    }
  }

  /** Checks that every table arrived whole, and sets every sequence where the backup left it. */
  async finish(): Promise<BackupHeader> {
    if (!this.header) throw corrupt("ファイルが空です");
    if (this.current) await this.close(this.current);
    for (const table of this.header.tables) {
      if (this.done.has(table.name)) continue;
      if (table.rows > 0) throw corrupt(`表 ${table.name} の行がありません。ファイルが途中で切れているようです`);
      await resetSequences(this.tx, this.targets.get(table.name)!, table);
    }
    if (this.fresh) await upgradeSchema(this.tx, this.header, this.options.progress);
    return this.header;
  }

  /** The batch of `name`, closing the table before it: each table's rows come in one run. */
  private async batchFor(name: string): Promise<Batch> {
    if (this.current?.table.name === name) return this.current;
    if (this.current) await this.close(this.current);
    const table = this.header!.tables.find((t) => t.name === name);
    if (!table || this.done.has(name)) throw corrupt(`表 ${name} の行が思わぬ位置にあります`);
    const target = this.targets.get(name)!;
    this.current = { table, target, insert: insertStatement(target), rows: [], bytes: 0, inserted: 0 };
    return this.current;
  }

  private async flush(batch: Batch) {
    if (!batch.rows.length) return;
    await this.tx.query(batch.insert, [JSON.stringify(batch.rows)]);
    batch.inserted += batch.rows.length;
    batch.rows = [];
    batch.bytes = 0;
    this.report(`復元中: ${batch.table.name} ${batch.inserted.toLocaleString("ja-JP")}/${batch.table.rows.toLocaleString("ja-JP")}行`);
  }

  private async close(batch: Batch) {
    await this.flush(batch);
    if (batch.inserted !== batch.table.rows) {
      throw corrupt(`表 ${batch.table.name} は ${batch.table.rows}行のはずが ${batch.inserted}行しかありません`);
    }
    await resetSequences(this.tx, batch.target, batch.table);
    this.done.add(batch.table.name);
    this.current = undefined;
  }
}

/**
 * Refuses a backup of another schema version or a database with rows (unless forced), and
 * returns the target's tables by name. The SQL that follows is built from these, never
 * from names or types read from the file.
 */
async function prepareTarget(tx: Queryable, header: BackupHeader, force: boolean, report?: (message: string) => void): Promise<Map<string, TableInfo>> {
  checkSchemaVersion(header.migrations, await appliedMigrations(tx));
  const tables = await backedUpTables(tx);
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const table of header.tables) {
    const target = byName.get(table.name);
    const same = target && JSON.stringify(target.columns) === JSON.stringify(table.columns.map(({ name, type, binary }) => ({ name, type, binary })));
    if (!same) throw corrupt(`表 ${table.name} の構造が復元先と一致しません`);
  }
  const filled = await tablesWithRows(tx, tables);
  if (filled.length && !force) {
    throw new UserFacingError(
      `復元先のデータベースには、すでにデータがあります（${filled.slice(0, 3).join("、")}${filled.length > 3 ? " など" : ""}）。` +
        "復元は空のデータベースにだけ行います。新しいデータディレクトリ(KIZUNA_DATA_DIR)か空のデータベース(DATABASE_URL)を指定して、npm start より先に kizuna restore を実行してください。" +
        "今のデータをすべて消して置き換えてよい場合に限り、--force を付けてください。",
      409,
      "restore_not_empty",
    );
  }
  if (filled.length) {
    report?.(`--force: いまのデータ(${filled.length}表)を消してから復元します。`);
    await tx.query(`TRUNCATE ${tables.map((t) => ident(t.name)).join(", ")} RESTART IDENTITY`);
  }
  // The index fingerprint goes too: if the rebuild after commit is interrupted, the next start redoes it.
  await tx.query("DELETE FROM search_meta");
  return byName;
}

/**
 * In a new database: refuses a backup whose versions are not the first ones this code
 * knows (one from a newer Kizuna), then builds the schema the backup's rows belong to.
 */
async function buildSchema(tx: Queryable, header: BackupHeader, report?: (message: string) => void) {
  const known = await knownMigrations();
  const backup = header.migrations;
  if (!backup.length) throw corrupt("データベースの構造の版が書かれていません");
  if (!backup.every((v, i) => known[i] === v)) {
    if (backup.some((v) => !known.includes(v))) throw newerBackup(backup, known);
    // Every version known, yet not the first ones in order: only the Kizuna that took it can read it.
    throw schemaVersionError(backup, known, "バックアップを取ったときと同じ版のKizunaで復元してください。");
  }
  report?.(`データベースの構造を、バックアップの版(${backup.at(-1)})まで作っています…`);
  await migrateWithin(tx, { through: backup.at(-1) });
}

/** In a new database, after the rows: the migrations after the backup's version, as an upgrade applies them. */
async function upgradeSchema(tx: Queryable, header: BackupHeader, report?: (message: string) => void) {
  const known = await knownMigrations();
  if (known.length === header.migrations.length) return;
  report?.(`データベースの構造を最新の版(${known.at(-1)})に更新しています…`);
  await migrateWithin(tx);
}

/** A database that has a schema (brought up to date first) takes only a backup of its own version. */
function checkSchemaVersion(backup: string[], here: string[]) {
  if (backup.join("\n") === here.join("\n")) return;
  if (!backup.every((v) => here.includes(v))) throw newerBackup(backup, here);
  throw new UserFacingError(
    `このバックアップは古い版のKizunaで取られたもので、すでにデータベースの構造がある復元先には復元できません（バックアップ: ${backup.at(-1) ?? "なし"}、復元先: ${here.at(-1) ?? "なし"}）。` +
      "新しいデータディレクトリ(KIZUNA_DATA_DIR)か空のデータベース(DATABASE_URL)を指定して、npm start より先に kizuna restore を実行してください。" +
      "そこに復元すると、データベースの構造も自動で最新の版に更新されます。",
    409,
    "backup_schema_version",
  );
}

function newerBackup(backup: string[], here: string[]): UserFacingError {
  return schemaVersionError(backup, here, "Kizunaを、バックアップを取ったときの版以降に更新してから復元してください。");
}

function schemaVersionError(backup: string[], here: string[], advice: string): UserFacingError {
  return new UserFacingError(
    `このバックアップはデータベースの構造の版が違うため復元できません（バックアップ: ${backup.at(-1) ?? "なし"}、復元先: ${here.at(-1) ?? "なし"}）。${advice}`,
    409,
    "backup_schema_version",
  );
}

async function tablesWithRows(tx: Queryable, tables: TableInfo[]): Promise<string[]> {
  const filled: string[] = [];
  for (const table of tables) {
    const [row] = await tx.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${ident(table.name)}) AS any`);
    if (row!.any) filled.push(table.name);
  }
  return filled;
}

/** One INSERT of a JSON array of rows, each value cast back from its text form (bytea from base64). */
function insertStatement(table: TableInfo): string {
  const columns = table.columns.map((c) => ident(c.name)).join(", ");
  const values = table.columns.map((c, i) => (c.binary ? `decode(r->>${i}, 'base64')` : `(r->>${i})::${c.type}`));
  // OVERRIDING SYSTEM VALUE: identity columns are GENERATED ALWAYS, and the ids must stay as they were.
  return `INSERT INTO ${ident(table.name)} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${values.join(", ")} FROM json_array_elements($1::text::json) AS r`;
}

/**
 * Puts each sequence where the backup found it, or past the largest restored id if that
 * is further, so new rows never take the id of a restored row or of one deleted before.
 */
async function resetSequences(tx: Queryable, target: TableInfo, table: BackupTable) {
  for (const { column, sequence } of target.sequences) {
    const [{ max }] = (await tx.query<{ max: string | null }>(`SELECT max(${ident(column)})::text AS max FROM ${ident(target.name)}`)) as [{ max: string | null }];
    const saved = table.sequences.find((s) => s.column === column);
    if (saved && !/^-?\d+$/.test(String(saved.lastValue))) throw corrupt(`表 ${table.name} の番号の位置が読めません`);
    const savedUsed = saved ? BigInt(saved.lastValue) - (saved.isCalled ? 0n : 1n) : 0n;
    const used = [BigInt(max ?? 0), savedUsed].reduce((a, b) => (a > b ? a : b));
    if (used > 0n) await tx.query("SELECT setval($1::regclass, $2::bigint, true)", [sequence, used.toString()]);
    else await tx.query("SELECT setval($1::regclass, 1, false)", [sequence]);
  }
}
