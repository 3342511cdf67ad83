import type { Database } from "../db/database";
import { queryOne } from "../db/database";
import { documentsFor } from "./chunks";
import type { SearchEngine, SourceDocuments } from "./engine";
import type { IndexedSource } from "./outbox";
import { tokenizerFingerprint } from "./text";

// Moves changes from the outbox into the engine. Outbox rows are deleted only after the
// engine has the new chunks, so a crash in between means the work is done again, never
// lost; replacing a source is idempotent, so doing it twice is harmless.

/** Sources handed to the engine in one replaceSources call (a few hundred chunks). */
export const INDEX_BATCH = 200;
const BATCH = INDEX_BATCH;

export class SearchIndexer {
  private running: Promise<number> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    readonly engine: SearchEngine,
    private readonly log: (message: string) => void = () => {},
  ) {}

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
           FROM search_outbox GROUP BY source_type, source_id ORDER BY min(id) LIMIT ${BATCH}`,
      );
      if (batch.length) {
        const sources: SourceDocuments[] = [];
        for (const item of batch) sources.push({ ...item, docs: await documentsFor(this.db, item.sourceType, item.sourceId) });
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
      await tx.query("INSERT INTO search_outbox (source_type, source_id) SELECT 'record', id FROM records ORDER BY id");
      await tx.query("INSERT INTO search_outbox (source_type, source_id) SELECT 'decision', id FROM decisions ORDER BY id");
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
   * Rebuilds when the text pipeline (or ICU) changed since the index was built, or when the
   * engine holds nothing while there are records (a new or wiped Meilisearch index: the
   * fingerprint lives in the database, so it cannot tell).
   */
  async ensureCurrent(): Promise<boolean> {
    const stored = await queryOne<{ value: string }>(this.db, "SELECT value FROM search_meta WHERE key = $1", [this.fingerprintKey()]);
    if (stored?.value !== tokenizerFingerprint()) {
      this.log(`search index built with ${stored?.value ?? "nothing"}; rebuilding for ${tokenizerFingerprint()}`);
    } else if ((await this.engine.count()) === 0 && (await this.hasSources())) {
      this.log(`search index (${this.engine.name}) is empty; rebuilding`);
    } else {
      return false;
    }
    await this.reindex();
    return true;
  }

  private async hasSources(): Promise<boolean> {
    const row = await queryOne<{ any: boolean }>(this.db, "SELECT EXISTS (SELECT 1 FROM records) OR EXISTS (SELECT 1 FROM decisions) AS any");
    return row?.any === true;
  }

  private fingerprintKey() {
    return `tokenizer:${this.engine.name}`;
  }

  private async recordFingerprint() {
    await this.db.query(
      "INSERT INTO search_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
      [this.fingerprintKey(), tokenizerFingerprint()],
    );
  }
}
