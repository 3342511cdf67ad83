import type { Database } from "../db/database";
import { queryOne } from "../db/database";
import type { SearchEngine, SourceDocuments } from "./engine";
import { enqueueIndexAll, type IndexedSource } from "./outbox";
import { sourcesByType, type DocumentSource } from "./source";
import { tokenizerFingerprint } from "./text";

/**
 * What the sources give the index. Bump when a source's documents change, so that an index
 * built before is rebuilt (2: a draft's clauses lead with their address, and a definition's term
 * stands apart from its meaning).
 */
const SOURCES_VERSION = 2;

/** What an engine's index was built with: the text pipeline, the sources, and the engine's own document format. */
export function indexFingerprint(engine: SearchEngine): string {
  const built = `${tokenizerFingerprint()};sources=${SOURCES_VERSION}`;
  return engine.documentFormat ? `${built};${engine.name}=${engine.documentFormat}` : built;
}

// Moves changes from the outbox into the engine. Outbox rows are deleted only after the
// engine has the new chunks, so a crash in between means the work is done again, never
// lost; replacing a source is idempotent, so doing it twice is harmless. Rows of a type no
// source here knows are left for a process that knows it.

/** Sources handed to the engine in one replaceSources call (a few hundred chunks). */
export const INDEX_BATCH = 200;
const BATCH = INDEX_BATCH;

export class SearchIndexer {
  private running: Promise<number> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly sources: ReadonlyMap<string, DocumentSource>;

  constructor(
    private readonly db: Database,
    readonly engine: SearchEngine,
    sources: readonly DocumentSource[],
    private readonly log: (message: string) => void = () => {},
  ) {
    this.sources = sourcesByType(sources);
  }

  /** Indexes everything waiting in the outbox; resolves with how many sources were done. */
  drain(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drainLoop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drainLoop(): Promise<number> {
    let done = 0;
    for (;;) {
      this.again = false;
      const batch = await this.db.query<{ sourceType: IndexedSource; sourceId: number; upTo: number }>(
        `SELECT source_type AS "sourceType", source_id AS "sourceId", max(id) AS "upTo"
           FROM search_outbox WHERE source_type = ANY($1::text[]) GROUP BY source_type, source_id ORDER BY min(id) LIMIT ${BATCH}`,
        [[...this.sources.keys()]],
      );
      if (batch.length) {
        const sources: SourceDocuments[] = [];
        for (const item of batch) sources.push(await this.documentsOf(item.sourceType, item.sourceId));
        // What follows a change is enqueued before the change's rows go: a failure repeats both.
        if (await this.runFollowers(batch)) this.again = true;
        await this.engine.replaceSources(sources);
        // Only the rows read above: a change enqueued meanwhile stays for the next round.
        await this.db.query(
          `DELETE FROM search_outbox o USING json_to_recordset($1::text::json) AS d(source_type text, source_id int, up_to int)
            WHERE o.source_type = d.source_type AND o.source_id = d.source_id AND o.id <= d.up_to`,
          [JSON.stringify(batch.map((b) => ({ source_type: b.sourceType, source_id: b.sourceId, up_to: Number(b.upTo) })))],
        );
        done += batch.length;
      }
      if (batch.length < BATCH && !this.again) return done;
    }
  }

  private async documentsOf(type: IndexedSource, sourceId: number): Promise<SourceDocuments> {
    const source = this.sources.get(type)!;
    return { sourceType: source.indexedAs, sourceId, docs: await source.documents(this.db, sourceId) };
  }

  /** Lets sources that follow these types enqueue their own changes; true when any was asked. */
  private async runFollowers(batch: { sourceType: IndexedSource; sourceId: number }[]): Promise<boolean> {
    let ran = false;
    for (const item of batch) {
      for (const source of this.sources.values()) {
        const follow = source.follows?.[item.sourceType];
        if (!follow) continue;
        await follow(this.db, item.sourceId);
        ran = true;
      }
    }
    return ran;
  }

  /** Starts a drain soon without waiting for it (after a write); failures are logged and retried by the timer. */
  kick(): void {
    this.drain().catch((error) => this.log(`search indexing failed, will retry: ${error?.message ?? error}`));
  }

  /** Drains every `intervalMs` as a safety net for writes made by other processes. */
  start(intervalMs = 2000): void {
    this.timer ??= setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  /** Rebuilds the whole index from the database. */
  async reindex(progress?: (done: number, total: number) => void): Promise<{ sources: number; chunks: number }> {
    await this.engine.clear();
    await this.db.transaction(async (tx) => {
      await tx.query("DELETE FROM search_outbox");
      for (const source of this.sources.values()) await enqueueIndexAll(tx, source.type, await source.all(tx));
    });
    const [{ total }] = await this.db.query<{ total: number }>("SELECT count(*)::int AS total FROM search_outbox");
    let sources = 0;
    const tick = setInterval(async () => {
      const [{ left }] = await this.db.query<{ left: number }>("SELECT count(*)::int AS left FROM search_outbox").catch(() => [{ left: total! }]);
      progress?.(total! - left!, total!);
    }, 500);
    try {
      sources = await this.drain();
    } finally {
      clearInterval(tick);
    }
    progress?.(total!, total!);
    await this.recordFingerprint();
    return { sources, chunks: await this.engine.count() };
  }

  /**
   * Rebuilds when the index fingerprint changed since the index was built (the text pipeline,
   * ICU, what the sources give, the engine's document format), or when the engine holds
   * nothing while there is something to index (a new or wiped Meilisearch index: the
   * fingerprint lives in the database, so it cannot tell).
   */
  async ensureCurrent(): Promise<boolean> {
    const stored = await queryOne<{ value: string }>(this.db, "SELECT value FROM search_meta WHERE key = $1", [this.fingerprintKey()]);
    if (stored?.value !== indexFingerprint(this.engine)) {
      this.log(`search index built with ${stored?.value ?? "nothing"}; rebuilding for ${indexFingerprint(this.engine)}`);
    } else if ((await this.engine.count()) === 0 && (await this.hasSources())) {
      this.log(`search index (${this.engine.name}) is empty; rebuilding`);
    } else {
      return false;
    }
    await this.reindex();
    return true;
  }

  private async hasSources(): Promise<boolean> {
    for (const source of this.sources.values()) if ((await source.all(this.db)).length) return true;
    return false;
  }

  private fingerprintKey() {
    return `tokenizer:${this.engine.name}`;
  }

  private async recordFingerprint() {
    await this.db.query(
      "INSERT INTO search_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
      [this.fingerprintKey(), indexFingerprint(this.engine)],
    );
  }
}
