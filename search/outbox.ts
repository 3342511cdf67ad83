import type { Queryable } from "../db/database";

export type IndexedSource = "record" | "decision";

/** Announces a change to the indexer; call it in the same transaction as the change. */
export async function enqueueIndex(db: Queryable, sourceType: IndexedSource, sourceId: number): Promise<void> {
  await db.query("INSERT INTO search_outbox (source_type, source_id) VALUES ($1, $2)", [sourceType, sourceId]);
}
