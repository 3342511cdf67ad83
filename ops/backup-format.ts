import { createReadStream } from "node:fs";
import { pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { UserFacingError } from "../lib/errors";
import type { ColumnInfo } from "./catalog";

// The backup file: gzip-compressed JSON lines. The first line is the header; every other
// line is one row, {"table": …, "row": [...]}, its values in the header's column order as
// Postgres' text form (bytea as base64), null as null. Tables follow one another in the
// header's order, parents first, so rows can be inserted as they are read.

export const BACKUP_FORMAT = "kizuna-backup";
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupTable {
  name: string;
  columns: ColumnInfo[];
  rows: number;
  /** Each sequence's position when the backup was taken, so restored ids never reuse a deleted row's id. */
  sequences: { column: string; lastValue: string; isCalled: boolean }[];
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** schema_migrations of the database backed up: the schema version the rows belong to. */
  migrations: string[];
  tables: BackupTable[];
}

export interface BackupRow {
  table: string;
  row: (string | null)[];
}

export function corrupt(detail: string): UserFacingError {
  return new UserFacingError(`バックアップファイルが壊れているため復元できません（${detail}）。別のバックアップを指定してください。`, 400, "backup_corrupt");
}

/** The header line, checked far enough that restore can rely on its shape. */
export function parseHeader(line: string): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(line);
  } catch {
    throw notABackup();
  }
  if (header?.format !== BACKUP_FORMAT || !Array.isArray(header.tables) || !Array.isArray(header.migrations)) throw notABackup();
  if (header.version !== BACKUP_FORMAT_VERSION) {
    throw new UserFacingError(
      `このバックアップは形式の版 ${header.version} で書かれていて、このKizunaは版 ${BACKUP_FORMAT_VERSION} しか読めません。バックアップを取ったときと同じ版のKizunaで復元してください。`,
      400,
      "backup_version",
    );
  }
  return header as BackupHeader;
}

export function parseRow(line: string): BackupRow {
  let parsed: BackupRow;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw corrupt("読めない行があります");
  }
  if (typeof parsed?.table !== "string" || !Array.isArray(parsed.row)) throw corrupt("行の形が正しくありません");
  return parsed;
}

function notABackup(): UserFacingError {
  return new UserFacingError("このファイルはKizunaのバックアップではありません。kizuna backup で作ったファイルを指定してください。", 400, "not_a_backup");
}

/** The lines of a gzip file; a read or gzip error is thrown by the iteration. */
export function readLines(file: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  // Callback pipeline: a failure destroys gunzip with that error, which the reader then sees.
  pipeline(createReadStream(file), gunzip, () => {});
  return splitLines(gunzip);
}

/** Splits a byte stream into lines (a row holding a large file is one long line). */
async function* splitLines(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  for await (const chunk of source) {
    let start = 0;
    for (let end = chunk.indexOf(10); end >= 0; end = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, end));
      yield Buffer.concat(pending).toString("utf8");
      pending = [];
      start = end + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length) yield Buffer.concat(pending).toString("utf8");
}

/** A file-system failure said in Japanese; anything else passes through unchanged. */
export function fileError(error: unknown, file: string, reading: boolean): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return new UserFacingError(reading ? `${file} が見つかりません。ファイルの場所を確かめてください。` : `${file} を書き出すフォルダがありません。フォルダを作ってから、もう一度実行してください。`, 404, "not_found");
  if (code === "EACCES" || code === "EPERM") return new UserFacingError(`${file} を${reading ? "読み込む" : "書き出す"}権限がありません。ファイルとフォルダの権限を確かめてください。`, 403, "forbidden");
  if (code === "ENOSPC") return new UserFacingError(`ディスクの空きが足りないため ${file} を書き出せません。空きを作ってから、もう一度実行してください。`, 507, "no_space");
  if (code === "EISDIR") return new UserFacingError(`${file} はフォルダです。ファイル名を指定してください。`, 400, "is_directory");
  if (code === "Z_DATA_ERROR" || code === "Z_BUF_ERROR") return corrupt("gzip として読めません");
  return error;
}
