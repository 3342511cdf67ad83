import type { SearchDocument, SearchHit, SearchRequest, SearchResponse } from "../engine";
import { queryPatterns, type TermPattern } from "../grams";
import { highlightAll, snippet } from "../highlight";
import { analyzeSearch, EMPTY_RESPONSE, noticeFor } from "../request";
import type { SearchQuery } from "../text";
import { CANDIDATE_CAP, HIT_FIELDS, MAX_FACET_VALUES, RECORDS } from "./meili-documents";
import { queryOf } from "./meili-grams";
import { filterExpressions, notIn } from "./meili-query";
import { facetsFrom } from "./meili-rank";
import { FACETS, firstTier, firstTierNeedsRecords, SCORED, searchRecords, type MeiliHit, type MeiliIndex } from "./meili-records";

// Answers a SearchRequest with the Postgres engine's semantics. Meilisearch has phrases and
// AND inside one document, but no OR and no "somewhere in this record", so:
// - one term, one spelling: a single search; Meilisearch ranks, pages, counts records (one
//   hit per record through distinct groupKey) and facets;
// - several clauses or OR alternatives: the records each pattern reaches are looked up
//   first (the groupKey facet values of its matches), combined here (OR within a clause,
//   AND across clauses), and the page is searched inside them (meili-records.ts);
// - an excluded term: the records it reaches are left out by a filter.

export async function searchIndex(index: MeiliIndex, request: SearchRequest): Promise<SearchResponse> {
  const { query, page, pageSize, filters } = analyzeSearch(request);
  const { must, mustNot } = queryPatterns(query);
  if (!must.length) return { ...EMPTY_RESPONSE, notice: noticeFor(request.query, query, false) };
  const notice = noticeFor(request.query, query, true);
  const base = filterExpressions(filters);
  const newest = request.sort === "newest";
  const single = must.length === 1 && must[0]!.length === 1;

  // Without exclusions the first tier of a longer query needs no record lookup: it is asked
  // for alongside the lookups instead of after them (one round trip less).
  const early = !single && !newest && !mustNot.length && !firstTierNeedsRecords(must) ? firstTier(index, must, base, page * pageSize) : undefined;
  early?.catch(() => {}); // awaited below, or not needed when no record qualifies

  const lookups = [...(single ? [] : must.flat()), ...mustNot.flat()];
  const reached = lookups.length ? await recordsReaching(index, lookups, base) : [];
  // A lookup that filled the facet list may have missed records: the count is then a floor.
  const truncated = reached.some((r) => r.size >= MAX_FACET_VALUES);
  const excluded = [...union(reached.slice(lookups.length - mustNot.flat().length))];

  if (single) {
    const [result] = await index.multi([
      {
        ...SCORED, ...RECORDS, q: queryOf(must[0]!), filter: [...base, ...notIn("groupKey", excluded)],
        page, hitsPerPage: pageSize, facets: FACETS, attributesToRetrieve: HIT_FIELDS, ...(newest && { sort: ["dateNum:desc"] }),
      },
    ]);
    return respond(result!.totalHits ?? 0, truncated, result!.hits, result!.facetDistribution, query, notice);
  }

  let at = 0;
  const perClause = must.map((anyOf) => union(anyOf.map(() => reached[at++]!)));
  const gone = new Set(excluded);
  const records = [...perClause.reduce((a, b) => new Set([...a].filter((k) => b.has(k))))].filter((k) => !gone.has(k));
  if (!records.length) return { ...EMPTY_RESPONSE, totalIsLowerBound: truncated, notice };
  const found = await searchRecords(index, { must, records, excluded, base, page, pageSize, newest, firstTier: early });
  return respond(found.total, truncated, found.hits, found.facets, query, notice);
}

/** For each pattern, the records (groupKeys) with a chunk matching it. */
async function recordsReaching(index: MeiliIndex, patterns: TermPattern[], filter: string[]): Promise<Set<string>[]> {
  // A record's chunks share its kind, dates and tags, so the request's filters narrow the
  // lookup without losing a record that could be shown.
  const results = await index.multi(patterns.map((p) => ({ q: queryOf([p]), matchingStrategy: "all", locales: ["jpn"], filter, limit: 0, facets: ["groupKey"] })));
  return results.map((r) => new Set(Object.keys(r.facetDistribution?.groupKey ?? {})));
}

function union(sets: Set<string>[]): Set<string> {
  const all = new Set<string>();
  for (const s of sets) for (const k of s) all.add(k);
  return all;
}

function respond(
  total: number,
  truncated: boolean,
  hits: MeiliHit[],
  facets: Record<string, Record<string, number>> | undefined,
  query: SearchQuery,
  notice: string | undefined,
): SearchResponse {
  return {
    total: Math.min(total, CANDIDATE_CAP),
    totalIsLowerBound: truncated || total >= CANDIDATE_CAP,
    hits: hits.map((h) => toHit(h, query)),
    facets: facetsFrom(facets ?? {}),
    notice,
  };
}

function toHit(h: MeiliHit, query: SearchQuery): SearchHit {
  return {
    id: h.id as string,
    sourceType: h.sourceType as SearchDocument["sourceType"],
    sourceId: h.sourceId as number,
    recordId: (h.recordId as number | null) ?? null,
    draftId: (h.draftId as number | null) ?? null,
    anchor: (h.anchor as string | null) ?? null,
    locator: (h.locator as string | null) ?? null,
    title: highlightAll(h.title as string, query),
    kind: h.kind as string,
    bodyName: (h.bodyName as string | null) ?? null,
    date: (h.date as string | null) ?? null,
    snippet: snippet(h.text as string, query),
    score: h._rankingScore ?? 0,
  };
}
