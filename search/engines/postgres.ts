import type { Database, Queryable } from "../../db/database";
import type { SearchDocument, SearchEngine, SearchRequest, SearchResponse } from "../engine";
import { queryPatterns, textGrams } from "../grams";
import { highlightAll, snippet } from "../highlight";
import { analyzeSearch, EMPTY_RESPONSE, noticeFor } from "../request";
import { normalizeForSearch, segment } from "../text";
import { anyOfQuery, tsvectorLiteral } from "../tsvector";

// The default engine: chunks in Postgres (embedded PGlite or a server) with gram and word
// tsvectors under GIN indexes. A term matches as a phrase of grams; every clause must hold
// somewhere in a record (AND across its sections); ranking weighs title matches and
// whole-word matches above matches inside longer words.

/** Matches considered for ranking and facets; beyond it the total reads "N件以上". */
export const CANDIDATE_CAP = 2000;

const jsonArray = (n: number) => `ARRAY(SELECT jsonb_array_elements_text($${n}::text::jsonb))`;

function vectors(doc: SearchDocument) {
  const body = normalizeForSearch(doc.text);
  const title = normalizeForSearch(doc.title);
  return {
    grams: tsvectorLiteral(textGrams(body.text)),
    titleGrams: tsvectorLiteral(textGrams(title.text)),
    words: tsvectorLiteral(segment(body).map((t, i) => ({ token: t.text, position: i + 1 }))),
  };
}

export class PostgresSearchEngine implements SearchEngine {
  readonly name = "postgres";
  constructor(private readonly db: Database) {}

  async upsert(docs: SearchDocument[]): Promise<void> {
    await this.db.transaction((tx) => this.write(tx, docs));
  }

  async replaceSource(sourceType: SearchDocument["sourceType"], sourceId: number, docs: SearchDocument[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query("DELETE FROM search_chunks WHERE source_type = $1 AND source_id = $2", [sourceType, sourceId]);
      await this.write(tx, docs);
    });
  }

  private async write(db: Queryable, docs: SearchDocument[]): Promise<void> {
    for (const doc of docs) {
      const v = vectors(doc);
      const groupKey = doc.sourceType === "record" ? `record:${doc.recordId}` : doc.id;
      await db.query(
        `INSERT INTO search_chunks (id, source_type, source_id, record_id, group_key, anchor, locator, title, kind, body_id, body_name,
           department_id, department_name, fiscal_year, date, tags, text, grams, title_grams, words)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, ${jsonArray(16)}, $17,
           $18::tsvector, $19::tsvector, $20::tsvector)
         ON CONFLICT (id) DO UPDATE SET source_type = EXCLUDED.source_type, source_id = EXCLUDED.source_id,
           record_id = EXCLUDED.record_id, group_key = EXCLUDED.group_key, anchor = EXCLUDED.anchor, locator = EXCLUDED.locator,
           title = EXCLUDED.title, kind = EXCLUDED.kind, body_id = EXCLUDED.body_id, body_name = EXCLUDED.body_name,
           department_id = EXCLUDED.department_id, department_name = EXCLUDED.department_name, fiscal_year = EXCLUDED.fiscal_year,
           date = EXCLUDED.date, tags = EXCLUDED.tags, text = EXCLUDED.text, grams = EXCLUDED.grams,
           title_grams = EXCLUDED.title_grams, words = EXCLUDED.words`,
        [
          doc.id, doc.sourceType, doc.sourceId, doc.recordId, groupKey, doc.anchor, doc.locator, doc.title, doc.kind, doc.bodyId,
          doc.bodyName, doc.departmentId, doc.departmentName, doc.fiscalYear, doc.date, JSON.stringify(doc.tags), doc.text,
          v.grams, v.titleGrams, v.words,
        ],
      );
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

    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    // Each clause must hold somewhere in the record (any of its chunks), not all in one chunk.
    const clauseMatches = must.map((anyOf) => {
      const q = param(anyOfQuery(anyOf));
      return `(c.grams @@ ${q}::tsquery OR c.title_grams @@ ${q}::tsquery)`;
    });
    where.push(`(${clauseMatches.join(" OR ")})`);
    for (const patterns of mustNot) {
      const q = param(anyOfQuery(patterns));
      // An excluded term leaves out the whole record, not only the chunk that has it.
      where.push(`NOT EXISTS (SELECT 1 FROM search_chunks x WHERE x.group_key = c.group_key AND (x.grams @@ ${q}::tsquery OR x.title_grams @@ ${q}::tsquery))`);
    }
    if (filters.kinds?.length) where.push(`c.kind = ANY(${jsonArray(params.push(JSON.stringify(filters.kinds)))})`);
    if (filters.tags?.length) where.push(`c.tags && ${jsonArray(params.push(JSON.stringify(filters.tags)))}`);
    if (filters.departmentIds?.length) where.push(`c.department_id = ANY(${jsonArray(params.push(JSON.stringify(filters.departmentIds.map(String))))}::int[])`);
    if (filters.bodyIds?.length) where.push(`c.body_id = ANY(${jsonArray(params.push(JSON.stringify(filters.bodyIds.map(String))))}::int[])`);
    if (filters.fiscalYears?.length) where.push(`c.fiscal_year = ANY(${jsonArray(params.push(JSON.stringify(filters.fiscalYears.map(String))))}::int[])`);
    if (filters.dateFrom) where.push(`c.date >= ${param(filters.dateFrom)}::date`);
    if (filters.dateTo) where.push(`c.date <= ${param(filters.dateTo)}::date`);

    const all = param(must.map((anyOf) => `(${anyOfQuery(anyOf)})`).join(" | "));
    const words = [...new Set(query.clauses.flatMap((c) => (c.kind === "match" ? c.anyOf.flatMap((t) => t.words) : [])))];
    const wordQuery = param(words.length ? anyOfQuery(words.map((w) => ({ tokens: [w], prefix: false }))) : "");
    const order = request.sort === "newest" ? "date DESC NULLS LAST, score DESC" : "score DESC, date DESC NULLS LAST";
    const flags = clauseMatches.map((m, i) => `${m} AS m${i}`).join(", ");
    const allClauses = clauseMatches.map((_, i) => `bool_or(m${i})`).join(" AND ");
    const clauseCount = clauseMatches.map((_, i) => `m${i}::int`).join(" + ");
    const rows = await this.db.query<{ total: number; capped: boolean; hits: Row[] | null; facets: Facets }>(
      `WITH candidates AS (
         SELECT c.id, c.source_type, c.source_id, c.record_id, c.group_key, c.anchor, c.locator, c.title, c.kind, c.body_name,
                c.body_id, c.department_id, c.department_name, c.fiscal_year, c.date, c.tags, c.text, ${flags},
                ts_rank(c.grams, ${all}::tsquery) + 2 * ts_rank(c.title_grams, ${all}::tsquery)
                  + CASE WHEN ${wordQuery} = '' THEN 0 ELSE ts_rank(c.words, NULLIF(${wordQuery}, '')::tsquery) END AS rank
           FROM search_chunks c
          WHERE ${where.join(" AND ")}
          LIMIT ${CANDIDATE_CAP}
       ), groups AS (
         SELECT group_key FROM candidates GROUP BY group_key HAVING ${allClauses}
       ), best AS (
         -- The part to show: the chunk that matches the most clauses, then ranks highest.
         SELECT DISTINCT ON (c.group_key) c.*, (${clauseCount}) + c.rank AS score
           FROM candidates c JOIN groups g USING (group_key)
          ORDER BY c.group_key, (${clauseCount}) DESC, c.rank DESC
       ), page AS (
         SELECT id, source_type AS "sourceType", source_id AS "sourceId", record_id AS "recordId", anchor, locator, title, kind,
                body_name AS "bodyName", to_char(date, 'YYYY-MM-DD') AS date, text, score
           FROM best ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
       )
       SELECT (SELECT count(*)::int FROM best) AS total,
              (SELECT count(*) FROM candidates) >= ${CANDIDATE_CAP} AS capped,
              (SELECT json_agg(p ORDER BY ${order}) FROM page p) AS hits,
              json_build_object(
                'kind', (SELECT json_agg(json_build_object('value', kind, 'count', n) ORDER BY n DESC) FROM (SELECT kind, count(*) AS n FROM best GROUP BY kind) f),
                'department', (SELECT json_agg(json_build_object('value', department_name, 'count', n) ORDER BY n DESC) FROM (SELECT department_name, count(*) AS n FROM best WHERE department_name IS NOT NULL GROUP BY department_name) f),
                'body', (SELECT json_agg(json_build_object('value', body_name, 'count', n) ORDER BY n DESC) FROM (SELECT body_name, count(*) AS n FROM best WHERE body_name IS NOT NULL GROUP BY body_name) f),
                'tag', (SELECT json_agg(json_build_object('value', tag, 'count', n) ORDER BY n DESC) FROM (SELECT tag, count(*) AS n FROM best, unnest(tags) AS tag GROUP BY tag) f),
                'fiscalYear', (SELECT json_agg(json_build_object('value', fiscal_year::text, 'count', n) ORDER BY fiscal_year DESC) FROM (SELECT fiscal_year, count(*) AS n FROM best WHERE fiscal_year IS NOT NULL GROUP BY fiscal_year) f)
              ) AS facets`,
      params,
    );
    const row = rows[0]!;
    return {
      total: row.total,
      totalIsLowerBound: row.capped,
      hits: (row.hits ?? []).map((h) => ({
        id: h.id,
        sourceType: h.sourceType,
        sourceId: h.sourceId,
        recordId: h.recordId,
        anchor: h.anchor,
        locator: h.locator,
        title: highlightAll(h.title, query),
        kind: h.kind,
        bodyName: h.bodyName,
        date: h.date,
        snippet: snippet(h.text, query),
        score: h.score,
      })),
      facets: {
        kind: row.facets.kind ?? [],
        department: row.facets.department ?? [],
        body: row.facets.body ?? [],
        tag: row.facets.tag ?? [],
        fiscalYear: row.facets.fiscalYear ?? [],
      },
      notice: noticeFor(request.query, query, true),
    };
  }
}

type Row = {
  id: string; sourceType: SearchDocument["sourceType"]; sourceId: number; recordId: number | null; anchor: string | null;
  locator: string | null; title: string; kind: string; bodyName: string | null; date: string | null; text: string; score: number;
};
type Facets = Record<"kind" | "department" | "body" | "tag" | "fiscalYear", { value: string; count: number }[] | null>;
