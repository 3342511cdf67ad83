import * as Y from "yjs";
import type { Database, Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { enqueueIndex } from "../search/outbox";

// The durable state of a draft's Yjs document: a snapshot plus the updates appended after
// it. Appending is the durability mechanism; compaction makes opening faster, and is when
// the search index is told the text changed (not on every keystroke).

export async function appendUpdate(db: Queryable, draftId: number, update: Uint8Array, userId: number | null): Promise<number> {
  const row = await queryOne<{ id: number }>(
    db,
    "INSERT INTO draft_updates (draft_id, update, user_id) VALUES ($1, $2, $3) RETURNING id",
    [draftId, Buffer.from(update), userId],
  );
  return row!.id;
}

/** The whole document state: snapshot merged with every update still in the log. */
export async function loadState(db: Queryable, draftId: number): Promise<Uint8Array | null> {
  // One statement, so one view of the data. Every logged row is read, not only those after
  // the snapshot's last id: an update whose id was taken before a later one committed may
  // commit after a compaction and must still count. Yjs merges a repeat harmlessly.
  const rows = await db.query<{ data: Uint8Array }>(
    `SELECT data FROM (
       SELECT 0 AS part, 0::bigint AS id, state AS data FROM draft_snapshots WHERE draft_id = $1
       UNION ALL
       SELECT 1, id, update FROM draft_updates WHERE draft_id = $1
     ) parts ORDER BY part, id`,
    [draftId],
  );
  const parts = rows.map((r) => new Uint8Array(r.data));
  if (!parts.length) return null;
  return parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
}

/**
 * Folds the stored log into the snapshot, from the database alone (never from a document
 * in memory, which might not yet hold an update that is already stored), and deletes
 * exactly the rows it folded in: a row committed meanwhile, even with a smaller id, stays.
 */
export async function compact(db: Database, draftId: number): Promise<{ merged: number }> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(7311002, $1)", [draftId]);
    const snapshot = await queryOne<{ state: Uint8Array }>(tx, "SELECT state FROM draft_snapshots WHERE draft_id = $1", [draftId]);
    const updates = await tx.query<{ id: number; update: Uint8Array }>("SELECT id, update FROM draft_updates WHERE draft_id = $1 ORDER BY id", [draftId]);
    if (!updates.length) return { merged: 0 };
    const upTo = updates[updates.length - 1]!.id;
    const state = Y.mergeUpdates([...(snapshot ? [new Uint8Array(snapshot.state)] : []), ...updates.map((u) => new Uint8Array(u.update))]);
    await tx.query(
      `INSERT INTO draft_snapshots (draft_id, state, up_to_update) VALUES ($1, $2, $3)
       ON CONFLICT (draft_id) DO UPDATE SET state = EXCLUDED.state, up_to_update = EXCLUDED.up_to_update, created_at = now()`,
      [draftId, Buffer.from(state), upTo],
    );
    await tx.query("DELETE FROM draft_updates WHERE id = ANY($1::bigint[])", [updates.map((u) => u.id)]);
    await enqueueIndex(tx, "draft", draftId);
    return { merged: updates.length };
  });
}
