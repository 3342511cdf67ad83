import { randomUUID } from "node:crypto";
import type { Database, Queryable } from "../db/database";
import { queryOne } from "../db/database";
import type { ImportInput } from "../importers";
import { isUserFacingError, UserFacingError } from "../lib/errors";
import { previewImport, saveImportedRecord, storeFile, type ImportPreview } from "./import";
import type { RecordInputDraft } from "./record-input";

// The import preview's state: each uploaded file is an item that is ready (extracted,
// file stored, waiting for a person to confirm), failed (with the reason) or saved.

export interface ImportItem {
  id: number;
  fileName: string;
  status: "ready" | "failed" | "saved";
  error: string | null;
  preview: ImportPreview | null;
  recordId: number | null;
}

export function newBatchId(): string {
  return randomUUID();
}

/** Extracts one file into the batch; a bad file becomes a failed item, never an exception. */
export async function addToBatch(db: Database, batch: string, file: ImportInput, actorId: number): Promise<ImportItem> {
  try {
    const preview = await previewImport(db, file);
    return await db.transaction(async (tx) => {
      const fileId = await storeFile(tx, file, actorId);
      const row = await queryOne<{ id: number }>(
        tx,
        `INSERT INTO import_items (batch, file_id, file_name, status, preview, created_by)
         VALUES ($1, $2, $3, 'ready', $4::text::jsonb, $5) RETURNING id`,
        [batch, fileId, file.fileName, JSON.stringify(preview), actorId],
      );
      return { id: row!.id, fileName: file.fileName, status: "ready" as const, error: null, preview, recordId: null };
    });
  } catch (error) {
    if (!isUserFacingError(error)) throw error;
    const row = await queryOne<{ id: number }>(
      db,
      `INSERT INTO import_items (batch, file_name, status, error, created_by) VALUES ($1, $2, 'failed', $3, $4) RETURNING id`,
      [batch, file.fileName, error.message, actorId],
    );
    return { id: row!.id, fileName: file.fileName, status: "failed", error: error.message, preview: null, recordId: null };
  }
}

/** The items of a batch, for the person who uploaded them only. */
export async function getBatch(db: Queryable, batch: string, actorId: number): Promise<ImportItem[]> {
  return db.query<ImportItem>(
    `SELECT id, file_name AS "fileName", status, error, preview, record_id AS "recordId"
       FROM import_items WHERE batch = $1 AND created_by = $2 ORDER BY id`,
    [batch, actorId],
  );
}

/** Saves one ready item as a record with the confirmed metadata, all or nothing. */
export async function saveBatchItem(db: Database, itemId: number, actorId: number, metadata: RecordInputDraft): Promise<number> {
  return db.transaction(async (tx) => {
    const item = await queryOne<{ fileId: number; fileName: string; status: string; content: Uint8Array }>(
      tx,
      `SELECT i.file_id AS "fileId", i.file_name AS "fileName", i.status, f.content
         FROM import_items i JOIN files f ON f.id = i.file_id
        WHERE i.id = $1 AND i.created_by = $2 FOR UPDATE OF i`,
      [itemId, actorId],
    );
    if (!item) throw new UserFacingError("取り込み待ちのファイルが見つかりません。もう一度アップロードしてください。", 404, "not_found");
    if (item.status !== "ready") throw new UserFacingError(`${item.fileName} は既に保存されています。`, 409, "conflict");
    const recordId = await saveImportedRecord(tx, { fileName: item.fileName, bytes: new Uint8Array(item.content) }, item.fileId, metadata, actorId);
    await tx.query("UPDATE import_items SET status = 'saved', record_id = $2 WHERE id = $1", [itemId, recordId]);
    return recordId;
  });
}

/** Drops what was not saved, with the stored copies of those files. */
export async function discardBatch(db: Database, batch: string, actorId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const files = await tx.query<{ fileId: number }>(
      `DELETE FROM import_items WHERE batch = $1 AND created_by = $2 AND status <> 'saved' RETURNING file_id AS "fileId"`,
      [batch, actorId],
    );
    for (const { fileId } of files) {
      if (fileId) await tx.query("DELETE FROM files WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM records WHERE source_file_id = $1)", [fileId]);
    }
  });
}
