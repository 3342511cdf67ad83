import type { Database } from "../db/database";
import { queryOne } from "../db/database";
import { documentsFor } from "./chunks";
import type { SearchEngine } from "./engine";
import type { IndexedSource } from "./outbox";
import { tokenizerFingerprint } from "./text";

// Moves changes from the outbox into the engine. Outbox rows are deleted only after the
// engine has the new chunks, so a crash in between means the work is done again, never
// lost; replacing a source is idempotent, so doing it twice is harmless.

const BATCH = 200;

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
      for (const item of batch) {
        const docs = await documentsFor(this.db, item.sourceType, item.sourceId);
        await this.engine.replaceSource(item.sourceType, item.sourceId, docs);
        await this.db.query("DELETE FROM search_outbox WHERE source_type = $1 AND source_id = $2 AND id <= $3", [
          item.sourceType,
          item.sourceId,
          item.upTo,
        ]);
        done++;
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

  /** Rebuilds when the text pipeline (or ICU) changed since the index was built. */
  async ensureCurrent(): Promise<boolean> {
    const stored = await queryOne<{ value: string }>(this.db, "SELECT value FROM search_meta WHERE key = $1", [this.fingerprintKey()]);
    if (stored?.value === tokenizerFingerprint()) return false;
    this.log(`search index built with ${stored?.value ?? "nothing"}; rebuilding for ${tokenizerFingerprint()}`);
    await this.reindex();
    return true;
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
