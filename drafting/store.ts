import * as Y from "yjs";
import type { Database, Queryable } from "../db/database";
import { queryOne } from "../db/database";

// The durable state of a draft's Yjs document: a snapshot plus the updates appended after
// it. Appending is the durability mechanism; compaction only makes opening faster.

export async function appendUpdate(db: Queryable, draftId: number, update: Uint8Array, userId: number | null): Promise<number> {
  const row = await queryOne<{ id: number }>(
    db,
    "INSERT INTO draft_updates (draft_id, update, user_id) VALUES ($1, $2, $3) RETURNING id",
    [draftId, Buffer.from(update), userId],
  );
  return row!.id;
}

/** The whole document state: snapshot merged with every update stored after it. */
export async function loadState(db: Queryable, draftId: number): Promise<Uint8Array | null> {
  // One statement, so one view of the data: a compaction committing between reading the
  // snapshot and reading the log would otherwise lose the updates it folded in.
  const rows = await db.query<{ data: Uint8Array }>(
    `WITH snapshot AS (SELECT state, up_to_update FROM draft_snapshots WHERE draft_id = $1)
     SELECT data FROM (
       SELECT 0 AS part, 0::bigint AS id, state AS data FROM snapshot
       UNION ALL
       SELECT 1, id, update FROM draft_updates
        WHERE draft_id = $1 AND id > coalesce((SELECT up_to_update FROM snapshot), 0)
     ) parts ORDER BY part, id`,
    [draftId],
  );
  const parts = rows.map((r) => new Uint8Array(r.data));
  if (!parts.length) return null;
  return parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
}

/**
 * Folds the stored log into the snapshot, from the database alone (never from a document
 * in memory, which might not yet hold an update that is already stored).
 */
export async function compact(db: Database, draftId: number): Promise<{ merged: number }> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(7311002, $1)", [draftId]);
    const snapshot = await queryOne<{ state: Uint8Array; upTo: number }>(
      tx,
      `SELECT state, up_to_update AS "upTo" FROM draft_snapshots WHERE draft_id = $1`,
      [draftId],
    );
    const updates = await tx.query<{ id: number; update: Uint8Array }>(
      "SELECT id, update FROM draft_updates WHERE draft_id = $1 AND id > $2 ORDER BY id",
      [draftId, snapshot?.upTo ?? 0],
    );
    if (!updates.length) return { merged: 0 };
    const upTo = updates[updates.length - 1]!.id;
    const state = Y.mergeUpdates([...(snapshot ? [new Uint8Array(snapshot.state)] : []), ...updates.map((u) => new Uint8Array(u.update))]);
    await tx.query(
      `INSERT INTO draft_snapshots (draft_id, state, up_to_update) VALUES ($1, $2, $3)
       ON CONFLICT (draft_id) DO UPDATE SET state = EXCLUDED.state, up_to_update = EXCLUDED.up_to_update, created_at = now()`,
      [draftId, Buffer.from(state), upTo],
    );
    await tx.query("DELETE FROM draft_updates WHERE draft_id = $1 AND id <= $2", [draftId, upTo]);
    return { merged: updates.length };
  });
}
