import type { TermPattern } from "../grams";
import { CANDIDATE_CAP, FACET_FIELDS, HIT_FIELDS, RECORDS } from "./meili-documents";
import { fitsOneQuery, queryOf } from "./meili-grams";
import { isIn, notIn } from "./meili-query";
import { byDateDesc, rankRecords, type ChunkHit } from "./meili-rank";

// Searching inside a known set of records: used when a query has several clauses (each may
// hold in a different section of a record) or OR alternatives. The records themselves were
// found beforehand (meili-search.ts); here they are counted, ordered and shown.
//
// Relevance comes in two tiers, as in the Postgres engine where matching more clauses in
// one chunk outweighs any rank: first the records with a chunk that matches a whole
// combination of alternatives (Meilisearch ranks these, merged here by score), then
// the records whose clauses are spread over several chunks (ranked here, per pattern).

export type MeiliQuery = Record<string, unknown>;
export type MeiliHit = Record<string, unknown> & { _rankingScore?: number };
export interface MeiliResult {
  hits: MeiliHit[];
  totalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

export interface MeiliIndex {
  multi(queries: MeiliQuery[]): Promise<MeiliResult[]>;
}

export interface RecordSearch {
  must: TermPattern[][];
  /** groupKeys of the records that satisfy every clause and no exclusion. */
  records: string[];
  excluded: string[];
  /** The request's filters. */
  base: string[];
  page: number;
  pageSize: number;
  newest: boolean;
  /** The first tier, when it was started before the records were known (see firstTier). */
  firstTier?: Promise<MeiliHit[]>;
}

export const FACETS = Object.values(FACET_FIELDS);
export const SCORED = { matchingStrategy: "all", locales: ["jpn"], showRankingScore: true };
/** Combinations of alternatives searched as a whole; records reached only by others rank in the second tier. */
const MAX_COMBINATIONS = 16;

export async function searchRecords(index: MeiliIndex, s: RecordSearch): Promise<{ total: number; facets: MeiliResult["facetDistribution"]; hits: MeiliHit[] }> {
  const inRecords = [...s.base, isIn("groupKey", s.records)];
  const patterns = s.must.flat();
  const clauseOf = s.must.flatMap((anyOf, i) => anyOf.map(() => i));
  const chunksIn = (groups: string[], fields: string[]) =>
    index.multi(patterns.map((p) => ({ ...SCORED, q: queryOf([p]), filter: [...s.base, isIn("groupKey", groups)], limit: CANDIDATE_CAP, attributesToRetrieve: fields })));

  if (s.newest) {
    // Meilisearch orders the records by date; then each one's best chunk is picked.
    const [byDate] = await index.multi([{ ...RECORDS, q: "", filter: inRecords, sort: ["dateNum:desc"], page: s.page, hitsPerPage: s.pageSize, facets: FACETS, attributesToRetrieve: ["groupKey"] }]);
    const groups = byDate!.hits.map((h) => h.groupKey as string);
    const lists = groups.length ? await chunksIn(groups, [...HIT_FIELDS, "groupKey", "dateNum"]) : [];
    const ranked = rankRecords(lists.map((l) => l.hits as unknown as ChunkHit[]), clauseOf, s.must.length);
    const docs = new Map(lists.flatMap((l) => l.hits.map((h) => [h.pk as string, h] as const)));
    const hits = groups.flatMap((g) => (ranked.has(g) ? [{ ...docs.get(ranked.get(g)!.pk)!, _rankingScore: ranked.get(g)!.score }] : []));
    return { total: byDate!.totalHits ?? 0, facets: byDate!.facetDistribution, hits };
  }

  const need = s.page * s.pageSize;
  // Past ten words Meilisearch reads no further, so the record filter must come along.
  const tierFilter = firstTierNeedsRecords(s.must) ? inRecords : [...s.base, ...notIn("groupKey", s.excluded)];
  const [[counts], tierHits] = await Promise.all([
    index.multi([{ ...RECORDS, q: "", filter: inRecords, page: 1, hitsPerPage: 0, facets: FACETS }]),
    s.firstTier ?? firstTier(index, s.must, tierFilter, need),
  ]);
  // Each query returns a record once (distinct), but two combinations may both return it.
  const order: { groupKey: string; hit?: MeiliHit; pk?: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const hit of tierHits) {
    const groupKey = hit.groupKey as string;
    if (seen.has(groupKey)) continue;
    seen.add(groupKey);
    order.push({ groupKey, hit, score: s.must.length + (hit._rankingScore ?? 0) });
  }
  // The second tier, when the page reaches past the first (normally only when it is short).
  if (order.length < need) {
    const rest = s.records.filter((g) => !seen.has(g));
    const lists = rest.length ? await chunksIn(rest, ["pk", "groupKey", "dateNum"]) : [];
    const ranked = rankRecords(lists.map((l) => l.hits as unknown as ChunkHit[]), clauseOf, s.must.length);
    order.push(...[...ranked.values()].sort((a, b) => b.score - a.score || byDateDesc(a, b)));
    // Records beyond each pattern's first CANDIDATE_CAP chunks still count; they come last.
    order.push(...rest.filter((g) => !ranked.has(g)).sort().map((groupKey) => ({ groupKey, score: 0 })));
  }
  const slice = order.slice((s.page - 1) * s.pageSize, need);
  const hits = await fillHits(index, slice, s.base);
  return { total: counts!.totalHits ?? 0, facets: counts!.facetDistribution, hits };
}

/**
 * The first tier: the records with a chunk matching a whole combination of alternatives,
 * ranked by Meilisearch, enough of them for the first `need` places.
 */
export async function firstTier(index: MeiliIndex, must: TermPattern[][], filter: string[], need: number): Promise<MeiliHit[]> {
  // Each query's first `need` records are enough for the merged first `need`. Merged here
  // rather than by federated search, which costs Meilisearch 5–20 times more (it counts
  // every query's matches in full).
  const limit = Math.min(need, CANDIDATE_CAP);
  const queries = combinations(must).map((c) => ({ ...SCORED, ...RECORDS, q: queryOf(c), filter, limit, attributesToRetrieve: [...HIT_FIELDS, "groupKey"] }));
  const results = await index.multi(queries);
  // A stable sort: equal scores keep the order of the combinations, typed spellings first.
  return results.flatMap((r) => r.hits).sort((a, b) => (b._rankingScore ?? 0) - (a._rankingScore ?? 0));
}

/** True when a combination is too long for one query, so the first tier must be limited to the records found. */
export function firstTierNeedsRecords(must: TermPattern[][]): boolean {
  return combinations(must).some((c) => !fitsOneQuery(c));
}

/** The page's hits; entries known only by chunk or record are fetched. */
async function fillHits(index: MeiliIndex, slice: { groupKey: string; hit?: MeiliHit; pk?: string; score: number }[], base: string[]): Promise<MeiliHit[]> {
  const pks = slice.flatMap((e) => (!e.hit && e.pk ? [e.pk] : []));
  const groups = slice.flatMap((e) => (!e.hit && !e.pk ? [e.groupKey] : []));
  const docs = new Map<string, MeiliHit>();
  if (pks.length || groups.length) {
    const fields = [...HIT_FIELDS, "groupKey"];
    const results = await index.multi([
      { q: "", filter: isIn("pk", pks), limit: Math.max(pks.length, 1), attributesToRetrieve: fields },
      { ...RECORDS, q: "", filter: [...base, isIn("groupKey", groups)], limit: Math.max(groups.length, 1), attributesToRetrieve: fields },
    ]);
    for (const r of results) for (const h of r.hits) docs.set(h.groupKey as string, h);
  }
  return slice.flatMap((e) => {
    const doc = e.hit ?? docs.get(e.groupKey);
    return doc ? [{ ...doc, _rankingScore: e.score }] : [];
  });
}

/** Every way to pick one alternative per clause, the typed spellings first; capped. */
export function combinations(clauses: TermPattern[][]): TermPattern[][] {
  let list: { picks: TermPattern[]; rank: number }[] = [{ picks: [], rank: 0 }];
  for (const clause of clauses) {
    list = list
      .flatMap((c) => clause.map((p, i) => ({ picks: [...c.picks, p], rank: c.rank + i })))
      .sort((a, b) => a.rank - b.rank)
      .slice(0, MAX_COMBINATIONS);
  }
  return list.map((c) => c.picks);
}
