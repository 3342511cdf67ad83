import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Database, Queryable } from "../db/database";
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, fileError, type BackupHeader, type BackupTable } from "./backup-format";
import { appliedMigrations, backedUpTables, ident, type TableInfo } from "./catalog";

// `kizuna backup`: every table (the original files and the drafts' Yjs logs, snapshots and
// versions among them) written from one snapshot of the database, so a backup taken while
// people edit is one consistent moment. The file appears under its name only when complete.

export interface BackupSummary {
  file: string;
  tables: number;
  rows: number;
  bytes: number;
}

export interface BackupOptions {
  /** Told now and then how far a long backup has got (at most once a second). */
  progress?: (message: string) => void;
}

/** Rows fetched at a time are tuned to about this many bytes, so a table of large files stays in memory a few at a time. */
const FETCH_BYTES = 4 * 1024 * 1024;
const MAX_FETCH_ROWS = 2000;

/** Writes a backup of `db` to `file` (an absolute path), replacing any file already there. */
export async function writeBackup(db: Database, file: string, options: BackupOptions = {}): Promise<BackupSummary> {
  // Beside the target, so the final rename stays on one file system and is atomic.
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const header = await db.transaction(async (tx) => {
      await beginSnapshot(tx);
      const { header, tables } = await readHeader(tx);
      // 0600: the backup holds password hashes and session hashes.
      const out = createWriteStream(temp, { flags: "wx", mode: 0o600 });
      await pipeline(Readable.from(backupLines(tx, header, tables, options)), createGzip(), out);
      return header;
    });
    await syncFile(temp);
    await rename(temp, file);
    const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
    return { file, tables: header.tables.length, rows, bytes: (await stat(file)).size };
  } catch (error) {
    await rm(temp, { force: true });
    throw fileError(error, file, false);
  }
}

/**
 * Everything below reads one snapshot. On server Postgres REPEATABLE READ makes every
 * statement of the transaction see the same committed state; PGlite has one connection,
 * so nothing else runs while the transaction is open. Output settings are pinned so the
 * text forms read back the same anywhere.
 */
async function beginSnapshot(tx: Queryable) {
  await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  await tx.query("SET LOCAL datestyle = 'ISO, YMD'");
  await tx.query("SET LOCAL intervalstyle = 'postgres'");
  await tx.query("SET LOCAL extra_float_digits = 3");
}

async function readHeader(tx: Queryable): Promise<{ header: BackupHeader; tables: TableInfo[] }> {
  const migrations = await appliedMigrations(tx);
  const tables = await backedUpTables(tx);
  const described: BackupTable[] = [];
  for (const table of tables) {
    const [{ rows }] = (await tx.query<{ rows: number }>(`SELECT count(*)::int AS rows FROM ${ident(table.name)}`)) as [{ rows: number }];
    described.push({ name: table.name, columns: table.columns, rows, sequences: await sequencePositions(tx, table) });
  }
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    migrations,
    tables: described,
  };
  return { header, tables };
}

/** Sequences are not transactional: a position read here may be ahead of the snapshot's rows, never behind. */
async function sequencePositions(tx: Queryable, table: TableInfo): Promise<BackupTable["sequences"]> {
  const positions: BackupTable["sequences"] = [];
  for (const { column, sequence } of table.sequences) {
    const [row] = await tx.query<{ lastValue: string; isCalled: boolean }>(
      `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${sequence}`,
    );
    positions.push({ column, lastValue: row!.lastValue, isCalled: row!.isCalled });
  }
  return positions;
}

async function* backupLines(tx: Queryable, header: BackupHeader, tables: TableInfo[], options: BackupOptions): AsyncGenerator<string> {
  yield JSON.stringify(header) + "\n";
  const report = throttled(options.progress);
  for (const [i, table] of tables.entries()) {
    const total = header.tables[i]!.rows;
    let done = 0;
    for await (const rows of tableRows(tx, table)) {
      const prefix = `{"table":${JSON.stringify(table.name)},"row":`;
      yield rows.map((row) => `${prefix}${row}}\n`).join("");
      done += rows.length;
      report(`バックアップ中: ${table.name} ${done.toLocaleString("ja-JP")}/${total.toLocaleString("ja-JP")}行`);
    }
  }
}

/** A table's rows as JSON arrays of text forms, built by Postgres, read through a cursor in key order. */
async function* tableRows(tx: Queryable, table: TableInfo): AsyncGenerator<string[]> {
  const values = table.columns.map((c) =>
    c.binary ? `translate(encode(${ident(c.name)}, 'base64'), E'\\n', '')` : `${ident(c.name)}::text`,
  );
  const order = table.primaryKey.length ? ` ORDER BY ${table.primaryKey.map(ident).join(", ")}` : "";
  await tx.query(`DECLARE kizuna_backup NO SCROLL CURSOR FOR SELECT to_json(ARRAY[${values.join(", ")}]::text[])::text AS line FROM ${ident(table.name)}${order}`);
  try {
    let fetch = 100;
    for (;;) {
      const rows = await tx.query<{ line: string }>(`FETCH FORWARD ${fetch} FROM kizuna_backup`);
      if (!rows.length) return;
      const lines = rows.map((r) => r.line);
      yield lines;
      const bytes = lines.reduce((sum, l) => sum + l.length, 0);
      fetch = Math.max(1, Math.min(MAX_FETCH_ROWS, Math.floor((fetch * FETCH_BYTES) / Math.max(bytes, 1))));
    }
  } finally {
    // After a failure the transaction is aborted and rolls back, cursor and all: keep the first error.
    await tx.query("CLOSE kizuna_backup").catch(() => {});
  }
}

/** Calls `report` at most once a second (a small table never reports). */
export function throttled(report: ((message: string) => void) | undefined, intervalMs = 1000): (message: string) => void {
  let last = Date.now();
  return (message) => {
    if (!report || Date.now() - last < intervalMs) return;
    last = Date.now();
    report(message);
  };
}

/** Flushes the file to disk before it takes the final name, so a crash leaves the old file or the whole new one. */
async function syncFile(file: string) {
  const handle = await open(file, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
