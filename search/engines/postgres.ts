import type { Database, Queryable } from "../../db/database";
import { type SearchDocument, type SearchEngine, type SearchRequest, type SearchResponse, type SourceDocuments } from "../engine";
import { queryPatterns } from "../grams";
import { highlightAll, snippet } from "../highlight";
import { analyzeSearch, EMPTY_RESPONSE, noticeFor } from "../request";
import { arrayLiteral, countFacets, searchSql, type SearchSqlRow } from "./postgres-query";
import { rowsJson } from "./postgres-rows";
import { buildRows } from "./row-builder";

// The default engine: chunks in Postgres (embedded PGlite or a server) with gram and word
// tsvectors under GIN indexes. A term matches as a phrase of grams; every clause must hold
// somewhere in a record (AND across its sections); ranking weighs title matches and
// whole-word matches above matches inside longer words. The search statement, and why it
// is shaped as it is, live in postgres-query.ts; figures in docs/PERFORMANCE.md.

export { CANDIDATE_CAP } from "./postgres-query";

/** Chunks per INSERT: one statement per batch instead of one per chunk (≈ 3 KB of JSON each). */
const WRITE_BATCH = 250;

const COLUMNS = `id text, source_type text, source_id int, record_id int, draft_id int, group_key text, anchor text, locator text, title text,
  kind text, body_id int, body_name text, department_id int, department_name text, fiscal_year int, date date, tags json,
  text text, grams text, title_grams text, words text`;

const INSERT = `INSERT INTO search_chunks (id, source_type, source_id, record_id, draft_id, group_key, anchor, locator, title, kind, body_id,
    body_name, department_id, department_name, fiscal_year, date, tags, text, grams, title_grams, words)
  SELECT id, source_type, source_id, record_id, draft_id, group_key, anchor, locator, title, kind, body_id, body_name, department_id,
    department_name, fiscal_year, date, ARRAY(SELECT json_array_elements_text(tags)), text, grams::tsvector,
    title_grams::tsvector, words::tsvector
    FROM json_to_recordset($1::text::json) AS r(${COLUMNS})
  ON CONFLICT (id) DO UPDATE SET source_type = EXCLUDED.source_type, source_id = EXCLUDED.source_id,
    record_id = EXCLUDED.record_id, draft_id = EXCLUDED.draft_id, group_key = EXCLUDED.group_key, anchor = EXCLUDED.anchor, locator = EXCLUDED.locator,
    title = EXCLUDED.title, kind = EXCLUDED.kind, body_id = EXCLUDED.body_id, body_name = EXCLUDED.body_name,
    department_id = EXCLUDED.department_id, department_name = EXCLUDED.department_name, fiscal_year = EXCLUDED.fiscal_year,
    date = EXCLUDED.date, tags = EXCLUDED.tags, text = EXCLUDED.text, grams = EXCLUDED.grams,
    title_grams = EXCLUDED.title_grams, words = EXCLUDED.words`;

/** Chunks written (by this process) before statistics are refreshed: at least this many, and at least as many as there were. */
const ANALYZE_AFTER = 5000;
/** A write this large (a bulk load) merges the GIN pending lists when it is done. */
const BULK_WRITE = 1000;

export class PostgresSearchEngine implements SearchEngine {
  readonly name = "postgres";
  private written = 0;
  private analyzedAt = 0;
  constructor(private readonly db: Database) {}

  async upsert(docs: SearchDocument[]): Promise<void> {
    await this.db.transaction((tx) => this.write(tx, docs));
    await this.maintainAfter(docs.length);
  }

  replaceSource(sourceType: SearchDocument["sourceType"], sourceId: number, docs: SearchDocument[]): Promise<void> {
    return this.replaceSources([{ sourceType, sourceId, docs }]);
  }

  async replaceSources(sources: SourceDocuments[]): Promise<void> {
    if (!sources.length) return;
    const docs = sources.flatMap((s) => s.docs);
    const keys = [arrayLiteral(sources.map((s) => s.sourceType)), arrayLiteral(sources.map((s) => s.sourceId))];
    // Chunks of these sources that are not among the new ones; those that stay are updated in place.
    const gone = (at: number) => `DELETE FROM search_chunks c USING unnest($${at}::text[], $${at + 1}::int[]) AS s(source_type, source_id)
       WHERE c.source_type = s.source_type AND c.source_id = s.source_id AND c.id NOT IN (SELECT unnest($${at + 2}::text[]))`;
    if (docs.length <= WRITE_BATCH) {
      // One statement is one change, so a few sources of ordinary size need no transaction:
      // one round trip instead of four.
      const ids = [...new Set(docs.map((doc) => doc.id))];
      await this.db.query(`WITH gone AS (${gone(2)}) ${INSERT}`, [rowsJson(docs), ...keys, arrayLiteral(ids)]);
    } else {
      await this.db.transaction(async (tx) => {
        await tx.query(gone(1), [...keys, arrayLiteral(docs.map((d) => d.id))]);
        await this.write(tx, docs);
      });
    }
    await this.maintainAfter(docs.length);
  }

  /**
   * After bulk writes, the GIN pending lists are merged (every search scans them); each time
   * the index has about doubled, statistics are refreshed so the planner knows how common a
   * gram or a filter value is. Server Postgres' autovacuum does both eventually; PGlite has
   * no autovacuum at all.
   */
  private async maintainAfter(count: number): Promise<void> {
    this.written += count;
    const analyze = this.written >= Math.max(ANALYZE_AFTER, this.analyzedAt);
    if (count < BULK_WRITE && !analyze) return;
    await this.db.query(
      `SELECT gin_clean_pending_list(i.indexrelid::regclass)
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
        WHERE i.indrelid = 'search_chunks'::regclass AND a.amname = 'gin'`,
    );
    if (!analyze) return;
    this.written = 0;
    this.analyzedAt = await this.count();
    await this.db.query("ANALYZE search_chunks");
  }

  /**
   * One INSERT per batch. The next batch's rows are built on a worker thread (row-builder.ts)
   * while the database stores the previous one: on PGlite, whose Postgres runs on this
   * thread, building and storing would otherwise take turns on one core.
   */
  private async write(db: Queryable, docs: SearchDocument[]): Promise<void> {
    const batches: SearchDocument[][] = [];
    for (let i = 0; i < docs.length; i += WRITE_BATCH) batches.push(docs.slice(i, i + WRITE_BATCH));
    let next: Promise<string> | null = batches.length ? buildRows(batches[0]!) : null;
    for (let i = 0; i < batches.length; i++) {
      const json = await next!;
      next = i + 1 < batches.length ? buildRows(batches[i + 1]!) : null;
      next?.catch(() => {}); // awaited next round; not unhandled should this INSERT fail
      await db.query(INSERT, [json]);
    }
  }

  async clear(): Promise<void> {
    await this.db.query("DELETE FROM search_chunks");
  }

  async count(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>("SELECT count(*)::int AS n FROM search_chunks");
    return row!.n;
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const { query, page, pageSize, filters } = analyzeSearch(request);
    const { must, mustNot } = queryPatterns(query);
    if (!must.length) return { ...EMPTY_RESPONSE, notice: noticeFor(request.query, query, false) };
    const words = [...new Set(query.clauses.flatMap((c) => (c.kind === "match" ? c.anyOf.flatMap((t) => t.words) : [])))];
    const sql = searchSql({ must, mustNot, words, filters, sort: request.sort, page, pageSize });
    const [row] = await this.db.query<SearchSqlRow>(sql.text, sql.params);
    const { total, facets } = countFacets(row!.facets);
    return {
      total,
      totalIsLowerBound: row!.capped,
      hits: (row!.hits ?? []).map((h) => ({
        id: h.id,
        sourceType: h.sourceType,
        sourceId: h.sourceId,
        recordId: h.recordId,
        draftId: h.draftId,
        anchor: h.anchor,
        locator: h.locator,
        title: highlightAll(h.title, query),
        kind: h.kind,
        bodyName: h.bodyName,
        date: h.date,
        snippet: snippet(h.text, query),
        score: h.score,
      })),
      facets,
      notice: noticeFor(request.query, query, true),
    };
  }
}
