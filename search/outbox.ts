import type { Queryable } from "../db/database";

/** The name of a DocumentSource (search/source.ts): "record", "decision", "draft", "comment". */
export type IndexedSource = string;

/** Announces a change to the indexer; call it in the same transaction as the change. */
export async function enqueueIndex(db: Queryable, sourceType: IndexedSource, sourceId: number): Promise<void> {
  await db.query("INSERT INTO search_outbox (source_type, source_id) VALUES ($1, $2)", [sourceType, sourceId]);
}

/** enqueueIndex for several sources of one type. */
export async function enqueueIndexAll(db: Queryable, sourceType: IndexedSource, sourceIds: readonly number[]): Promise<void> {
  if (!sourceIds.length) return;
  await db.query("INSERT INTO search_outbox (source_type, source_id) SELECT $1, unnest($2::int[])", [sourceType, sourceIds]);
}
