import type { SearchFilters, SearchRequest } from "../engine";
import type { TermPattern } from "../grams";
import { anyOfLooseQuery, anyOfQuery } from "../tsvector";

// The one SQL statement behind a Postgres search. Its cost is bounded by the candidate cap,
// not by how many chunks match: candidates come from the GIN indexes without reading a row
// (a few grams of each phrase, all present), at most CANDIDATE_CAP of them are read, checked
// for the phrase and ranked, and the hits, total and facet counts are all computed from those.

/** Matches read, checked and ranked; beyond it the total reads "N件以上". */
export const CANDIDATE_CAP = 1000;
/** Matches whose records are checked for excluded terms (cheap: only ids and group keys are read). */
const EXCLUSION_SCAN = 2 * CANDIDATE_CAP;

export interface SearchPlan {
  /** Every clause must hold somewhere in a record; a clause holds when any of its patterns does. */
  must: TermPattern[][];
  /** A record with any of these anywhere is left out. */
  mustNot: TermPattern[][];
  /** Whole words of the query, ranked on the word vector. */
  words: string[];
  filters: SearchFilters;
  sort: SearchRequest["sort"];
  page: number;
  pageSize: number;
}

export interface SearchSqlRow {
  capped: boolean;
  hits: HitRow[] | null;
  /** One array per facet, one entry per record found (nulls when nothing was found). */
  facets: [(string | null)[] | null, (string | null)[] | null, (string | null)[] | null, (number | null)[] | null, string[][] | null];
}

type Facet = { value: string; count: number }[];

function counted(values: Iterable<string | number | null>, order: (a: [string, number], b: [string, number]) => number): Facet {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== null) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  return [...counts].sort(order).map(([value, count]) => ({ value, count }));
}

const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** The records found and their facet counts, from the facet columns searchSql returns. */
export function countFacets([kinds, departments, bodies, years, tags]: SearchSqlRow["facets"]) {
  return {
    total: kinds?.length ?? 0,
    facets: {
      kind: counted(kinds ?? [], byCount),
      department: counted(departments ?? [], byCount),
      body: counted(bodies ?? [], byCount),
      tag: counted((tags ?? []).flat(), byCount),
      fiscalYear: counted(years ?? [], (a, b) => Number(b[0]) - Number(a[0])),
    },
  };
}

export interface HitRow {
  id: string; sourceType: "record" | "decision" | "clause" | "comment"; sourceId: number; recordId: number | null; draftId: number | null;
  anchor: string | null; locator: string | null; title: string; kind: string; bodyName: string | null;
  date: string | null; text: string; score: number;
}

const inEither = (q: string) => `(c.grams @@ ${q}::tsquery OR c.title_grams @@ ${q}::tsquery)`;

/** Postgres array literal: the planner sees the values (and its statistics apply), unlike an array built in SQL. */
export function arrayLiteral(values: (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/[\\"]/g, (ch) => `\\${ch}`)}"`).join(",")}}`;
}

export function searchSql(plan: SearchPlan): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const texts = (values: string[]) => `${param(arrayLiteral(values))}::text[]`;
  // An id that is not an integer matches nothing (and must not make the filter disappear).
  const ints = (values: number[]) => `${param(arrayLiteral(values.filter(Number.isInteger)))}::int[]`;

  const where = [inEither(param(plan.must.map((anyOf) => `(${anyOfLooseQuery(anyOf)})`).join(" | ")))];
  const { filters } = plan;
  if (filters.kinds?.length) where.push(`c.kind = ANY(${texts(filters.kinds)})`);
  if (filters.tags?.length) where.push(`c.tags && ${texts(filters.tags)}`);
  if (filters.departmentIds?.length) where.push(`c.department_id = ANY(${ints(filters.departmentIds)})`);
  if (filters.bodyIds?.length) where.push(`c.body_id = ANY(${ints(filters.bodyIds)})`);
  if (filters.fiscalYears?.length) where.push(`c.fiscal_year = ANY(${ints(filters.fiscalYears)})`);
  if (filters.dateFrom) where.push(`c.date >= ${param(filters.dateFrom)}::date`);
  if (filters.dateTo) where.push(`c.date <= ${param(filters.dateTo)}::date`);

  const clauses = plan.must.map((anyOf) => inEither(param(anyOfQuery(anyOf))));
  const all = param(plan.must.map((anyOf) => `(${anyOfQuery(anyOf)})`).join(" | "));
  const wordRank = plan.words.length
    ? `ts_rank(c.words, ${param(anyOfQuery(plan.words.map((w) => ({ tokens: [w], prefix: false }))))}::tsquery)`
    : "0";
  const flags = clauses.map((m, i) => `${m} AS m${i}`).join(", ");
  const clauseCount = `(${clauses.map((_, i) => `m${i}::int`).join(" + ")})`;
  // Ties broken by id, so that pages never overlap.
  const order = plan.sort === "newest" ? "date DESC NULLS LAST, score DESC, id" : "score DESC, date DESC NULLS LAST, id";

  // The title's share of the rank is the same for every chunk of a record, so it cannot change
  // which chunk is shown: it is added once per record, in best, instead of once per candidate.
  const columns = `c.id, c.group_key, c.kind, c.body_name, c.department_name, c.fiscal_year, c.date, c.tags, c.title_grams, ${flags},
              ts_rank(c.grams, ${all}::tsquery) + ${wordRank} AS rank`;
  let candidates: string;
  let capped: string;
  if (!plan.mustNot.length) {
    candidates = `candidates AS MATERIALIZED (
       SELECT ${columns} FROM search_chunks c WHERE ${where.join(" AND ")} LIMIT ${CANDIDATE_CAP}
     )`;
    capped = `(SELECT count(*) FROM candidates) >= ${CANDIDATE_CAP}`;
  } else {
    // An excluded term leaves out the whole record, not only the chunk that has it. Finding
    // every record with a common word would read most of the table, so exclusion is decided
    // for the records of the first EXCLUSION_SCAN matches only, through the group_key index.
    const excludedQuery = param(plan.mustNot.map((p) => `(${anyOfQuery(p)})`).join(" | "));
    candidates = `scanned AS MATERIALIZED (
       SELECT c.id, c.group_key FROM search_chunks c WHERE ${where.join(" AND ")} LIMIT ${EXCLUSION_SCAN}
     ), excluded AS MATERIALIZED (
       SELECT DISTINCT c.group_key FROM search_chunks c
        WHERE c.group_key = ANY (ARRAY(SELECT DISTINCT group_key FROM scanned)) AND ${inEither(excludedQuery)}
     ), candidates AS MATERIALIZED (
       SELECT ${columns} FROM search_chunks c
        WHERE c.id = ANY (ARRAY(SELECT id FROM scanned WHERE group_key NOT IN (SELECT group_key FROM excluded) LIMIT ${CANDIDATE_CAP}))
     )`;
    capped = `((SELECT count(*) FROM scanned) >= ${EXCLUSION_SCAN} OR (SELECT count(*) FROM candidates) >= ${CANDIDATE_CAP})`;
  }

  // With one clause a chunk that matches it is enough; with several, every clause must hold
  // in some chunk of the record.
  const satisfied =
    clauses.length === 1
      ? "candidates c WHERE c.m0"
      : `(SELECT c.*, ${clauses.map((_, i) => `bool_or(m${i}) OVER w AS g${i}`).join(", ")}
                         FROM candidates c WINDOW w AS (PARTITION BY c.group_key)) c
                WHERE ${clauses.map((_, i) => `g${i}`).join(" AND ")}`;
  const text = `WITH ${candidates}, best AS MATERIALIZED (
       -- One row per record found, shown by the chunk that matches the most clauses, then ranks
       -- highest. Window functions, not a join back to the candidates: the planner cannot know
       -- how many candidates there are, and the nested loop it picked for a few was quadratic.
       SELECT b.id, b.group_key, b.kind, b.body_name, b.department_name, b.fiscal_year, b.date, b.tags,
              b.clauses + b.rank + 2 * ts_rank(b.title_grams, ${all}::tsquery) AS score
         FROM (SELECT DISTINCT ON (c.group_key) c.*, ${clauseCount} AS clauses
                 FROM ${satisfied}
                ORDER BY c.group_key, ${clauseCount} DESC, c.rank DESC, c.id) b
     ), page AS (
       SELECT id, score, date FROM best ORDER BY ${order} LIMIT ${plan.pageSize} OFFSET ${(plan.page - 1) * plan.pageSize}
     )
     SELECT ${capped} AS capped,
            (SELECT json_agg(json_build_object('id', c.id, 'sourceType', c.source_type, 'sourceId', c.source_id,
                      'recordId', c.record_id, 'draftId', c.draft_id, 'anchor', c.anchor, 'locator', c.locator, 'title', c.title, 'kind', c.kind,
                      'bodyName', c.body_name, 'date', to_char(c.date, 'YYYY-MM-DD'), 'text', c.text, 'score', p.score)
                      ORDER BY ${order.replace(/\b(score|date|id)\b/g, "p.$1")})
               FROM page p JOIN search_chunks c USING (id)) AS hits,
            -- The facet values of every record found, counted in JS (see countFacets): five
            -- aggregates in SQL cost several times more than shipping these columns.
            (SELECT json_build_array(json_agg(kind), json_agg(department_name), json_agg(body_name), json_agg(fiscal_year),
                      json_agg(tags)) FROM best) AS facets`;
  return { text, params };
}
