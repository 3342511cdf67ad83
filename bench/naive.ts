import type { Queryable } from "../db/database";
import type { SearchFilters } from "../search/engine";
import type { BenchQuery } from "./queries";
import { analyzeSearch } from "../search/request";

// The naive baseline: `ILIKE '%term%'` over the same chunks, asked for the same answer as
// the engine (record count, the five facet counts, and one page of records ordered by a
// stable key). It must look at every chunk: an unordered `ILIKE … LIMIT 20` stops early and
// looks fast for common words while it still scans everything for rare ones.

export interface NaiveAnswer {
  total: number;
  hits: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const jsonArray = (n: number) => `ARRAY(SELECT jsonb_array_elements_text($${n}::text::jsonb))`;

function filterSql(filters: SearchFilters, params: unknown[]): string[] {
  const where: string[] = [];
  const list = (values: unknown[]) => jsonArray(params.push(JSON.stringify(values.map(String))));
  if (filters.kinds?.length) where.push(`c.kind = ANY(${list(filters.kinds)})`);
  if (filters.tags?.length) where.push(`c.tags && ${list(filters.tags)}`);
  if (filters.departmentIds?.length) where.push(`c.department_id = ANY(${list(filters.departmentIds)}::int[])`);
  if (filters.bodyIds?.length) where.push(`c.body_id = ANY(${list(filters.bodyIds)}::int[])`);
  if (filters.fiscalYears?.length) where.push(`c.fiscal_year = ANY(${list(filters.fiscalYears)}::int[])`);
  if (filters.dateFrom) where.push(`c.date >= $${params.push(filters.dateFrom)}::date`);
  if (filters.dateTo) where.push(`c.date <= $${params.push(filters.dateTo)}::date`);
  return where;
}

/** Runs one benchmark query the naive way; the terms are the query's words as typed (NFKC). */
export async function naiveSearch(db: Queryable, { request }: BenchQuery): Promise<NaiveAnswer> {
  const { query, page, pageSize, filters } = analyzeSearch(request);
  const params: unknown[] = [];
  const like = (raw: string) => {
    const p = `$${params.push(`%${escapeLike(raw.normalize("NFKC"))}%`)}`;
    return `(c.text ILIKE ${p} OR c.title ILIKE ${p})`;
  };
  const clauses = query.clauses.filter((c) => c.kind === "match").map((c) => c.anyOf.map((t) => like(t.raw)).join(" OR "));
  const excluded = query.clauses.flatMap((c) => (c.kind === "exclude" ? [like(c.term.raw)] : []));
  if (!clauses.length) return { total: 0, hits: 0 };
  const where = [`(${clauses.map((c) => `(${c})`).join(" OR ")})`, ...filterSql(filters, params)];
  // Newest first whatever the request's sort: ILIKE has no relevance, and a stable key is what makes a page fair.
  const order = "date DESC NULLS LAST, id";
  const [row] = await db.query<{ total: number; hits: unknown[] | null }>(
    `WITH m AS (
       SELECT c.id, c.group_key, c.title, c.text, c.kind, c.department_name, c.body_name, c.fiscal_year, c.tags, c.date,
              ${clauses.map((c, i) => `(${c}) AS m${i}`).join(", ")}
         FROM search_chunks c WHERE ${where.join(" AND ")}
     ), groups AS (
       SELECT group_key FROM m GROUP BY group_key HAVING ${clauses.map((_, i) => `bool_or(m${i})`).join(" AND ")}
       ${excluded.length ? `EXCEPT SELECT c.group_key FROM search_chunks c WHERE ${excluded.join(" OR ")}` : ""}
     ), best AS (
       SELECT DISTINCT ON (m.group_key) m.* FROM m JOIN groups USING (group_key) ORDER BY m.group_key, ${order}
     )
     SELECT (SELECT count(*)::int FROM best) AS total,
            (SELECT json_agg(p) FROM (SELECT id, title, text, date FROM best ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}) p) AS hits,
            (SELECT json_agg(f) FROM (SELECT kind, count(*) FROM best GROUP BY kind) f) AS kind,
            (SELECT json_agg(f) FROM (SELECT department_name, count(*) FROM best WHERE department_name IS NOT NULL GROUP BY 1) f) AS department,
            (SELECT json_agg(f) FROM (SELECT body_name, count(*) FROM best WHERE body_name IS NOT NULL GROUP BY 1) f) AS body,
            (SELECT json_agg(f) FROM (SELECT tag, count(*) FROM best, unnest(tags) AS tag GROUP BY 1) f) AS tag,
            (SELECT json_agg(f) FROM (SELECT fiscal_year, count(*) FROM best WHERE fiscal_year IS NOT NULL GROUP BY 1) f) AS fiscal_year`,
    params,
  );
  return { total: row!.total, hits: row!.hits?.length ?? 0 };
}
