import type { Database, Queryable } from "../db/database";
import type { SearchDocument } from "./engine";

// What can be indexed is registered, not imported: each kind of thing (a record, a decision,
// a draft's clauses, a comment) is a DocumentSource defined beside its own domain, and the
// indexer is handed the list. So search/ knows nothing of knowledge, drafting or comments.

export interface DocumentSource {
  /** Its name in search_outbox: changes are announced with enqueueIndex(db, type, id). */
  readonly type: string;
  /** The sourceType of the chunks it makes; the engine replaces chunks by (indexedAs, sourceId). */
  readonly indexedAs: SearchDocument["sourceType"];
  /** Every chunk of one source as it is now; empty when it is gone or must not be found. */
  documents(db: Queryable, sourceId: number): Promise<SearchDocument[]>;
  /** Every id there is, for a full rebuild. */
  all(db: Queryable): Promise<number[]>;
  /**
   * Sources of other types whose change can change these chunks (a comment names the address
   * its clause has in the draft): called when one of them is indexed, to enqueue what follows.
   */
  follows?: Readonly<Record<string, (db: Database, sourceId: number) => Promise<void>>>;
}

/** The sources by outbox type; refuses two sources with the same type or chunk type. */
export function sourcesByType(sources: readonly DocumentSource[]): ReadonlyMap<string, DocumentSource> {
  const byType = new Map<string, DocumentSource>();
  const chunkTypes = new Set<string>();
  for (const source of sources) {
    if (byType.has(source.type) || chunkTypes.has(source.indexedAs)) throw new Error(`search source registered twice: ${source.type} (${source.indexedAs})`);
    byType.set(source.type, source);
    chunkTypes.add(source.indexedAs);
  }
  return byType;
}
