import type { SearchDocument, SearchHit, SearchRequest, SearchResponse } from "../engine";
import { queryPatterns } from "../grams";
import { highlightAll, snippet } from "../highlight";
import { analyzeSearch, EMPTY_RESPONSE, noticeFor } from "../request";
import type { SearchQuery } from "../text";
import { CANDIDATE_CAP, EVERY_DOCUMENT, FACET_FIELDS, HIT_FIELDS, type StoredChunk } from "./meili-documents";
import { alternativesOf, MAX_QUERY_WORDS } from "./meili-grams";
import { filterExpressions, isIn, notIn } from "./meili-query";

// Answers a SearchRequest with the Postgres engine's semantics over record documents
// (meili-documents.ts). Every clause must hold somewhere in a record, phrases hold inside one
// chunk, and an excluded term drops the whole record: Meilisearch does all three itself
// (matchingStrategy "all", array items, negative words). What it has no syntax for:
// - OR and other spellings (synonyms; era years other than a year's full set of spellings,
//   which is one word, see alternativesOf): disjoint parts searched side by side, or one query
//   per combination of alternatives merged by a federated search, which also counts each
//   record once and merges the facets;
// - a query longer than Meilisearch reads (ten words), or an exclusion that is more than one
//   word: the records of each part are looked up first, and the search runs inside them.
// Which chunk of a record a hit shows is picked here, from the chunks' normalized texts.

export type MeiliQuery = Record<string, unknown>;
export type MeiliHit = Record<string, unknown> & {
  _rankingScore?: number;
  _federation?: { weightedRankingScore?: number };
};
export interface MeiliResult {
  hits: MeiliHit[];
  totalHits?: number;
  estimatedTotalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

export interface MeiliIndex {
  /** One query in a request of its own: several sent at once run side by side. */
  search(query: MeiliQuery): Promise<MeiliResult>;
  /** Independent queries in one request. */
  multi(queries: MeiliQuery[]): Promise<MeiliResult[]>;
  /** One merged list: each record once, ranked by (weighted) score, with the facets of all of them. */
  federated(queries: MeiliQuery[], page: { offset: number; limit: number; facets: string[] }): Promise<MeiliResult>;
}

const FACETS = Object.values(FACET_FIELDS);
const MATCH = { matchingStrategy: "all", locales: ["jpn"] };
const SHOWN = { ...MATCH, showRankingScore: true, attributesToRetrieve: HIT_FIELDS };
/** Combinations of alternatives searched; each is a query of the federated search. */
const MAX_COMBINATIONS = 16;
/**
 * Disjoint parts searched side by side rather than federated, and the hits each may return.
 * A federated search costs Meilisearch about 5 ms more than the same queries alone (here, at
 * 100k chunks); past eight parts, or deep pages, the parts cost more than that.
 */
const MAX_PARTS = 8;
const MAX_PART_HITS = 100;

interface Plan {
  /** One query string per combination of alternatives, typed spellings first. */
  queries: string[];
  /** The queries match disjoint sets of records (see disjointParts). */
  disjoint: boolean;
  /** Filters for every query: the request's, and the records found by lookups. */
  filter: string[];
  /** Also count the records (of the lookups) that a shortened query would miss: a query for EVERY_DOCUMENT. */
  catchAll: boolean;
  /** A lookup reached its cap, so records may be missing from the count. */
  truncated: boolean;
}

export async function searchIndex(index: MeiliIndex, request: SearchRequest): Promise<SearchResponse> {
  const { query, page, pageSize, filters } = analyzeSearch(request);
  const { must, mustNot } = queryPatterns(query);
  if (!must.length) return { ...EMPTY_RESPONSE, notice: noticeFor(request.query, query, false) };
  const notice = noticeFor(request.query, query, true);
  const plan = await planSearch(index, must.map(alternativesOf), mustNot.map(alternativesOf), filterExpressions(filters));
  if (!plan) return { ...EMPTY_RESPONSE, notice };
  const newest = request.sort === "newest";
  const found =
    plan.queries.length === 1 && !plan.catchAll
      ? await searchOne(index, plan, page, pageSize, newest)
      : plan.disjoint && page * pageSize <= MAX_PART_HITS
        ? await searchParts(index, plan, page, pageSize, newest)
        : await searchMany(index, plan, page, pageSize, newest);
  const total = Math.min(found.total, CANDIDATE_CAP);
  return {
    total,
    totalIsLowerBound: plan.truncated || found.total >= CANDIDATE_CAP,
    hits: found.hits.map((h) => toHit(h, query)),
    facets: facetsFrom(found.facets ?? {}),
    notice,
  };
}

/** Words: all of them required (see alternativesOf). */
type Words = string[];

/**
 * The query strings and filters; null when a lookup shows that nothing can match. `must` and
 * `mustNot` are clauses, each a list of alternatives.
 */
async function planSearch(index: MeiliIndex, must: Words[][], mustNot: Words[][], base: string[]): Promise<Plan | null> {
  let negatives: string[] = [];
  const oneWord: Words[] = [];
  const excludedByLookup: Words[] = [];
  for (const words of mustNot.flat()) {
    // "-a -b" would drop records with either word; a two-word alternative needs both.
    if (words.length === 1) {
      negatives.push(`-${words[0]}`);
      oneWord.push(words);
    } else excludedByLookup.push(words);
  }
  const combos = combinations(must).map((c) => c.flat());
  if (!combos.every((words) => words.length + negatives.length <= MAX_QUERY_WORDS)) {
    excludedByLookup.push(...oneWord);
    negatives = [];
  }
  const queries = combos.map((words) => [...words, ...negatives].join(" "));
  // Past the combinations searched, or past the words Meilisearch reads, the clauses are looked up.
  const allCombined = must.reduce((n, anyOf) => n * anyOf.length, 1) <= MAX_COMBINATIONS;
  const clausesByLookup = allCombined && combos.every((words) => words.length <= MAX_QUERY_WORDS) ? [] : must;
  if (!excludedByLookup.length && !clausesByLookup.length) {
    const parts = disjointParts(must, negatives);
    return { queries: parts ?? queries, disjoint: parts !== null, filter: base, catchAll: false, truncated: false };
  }

  // Lookups: the records each alternative reaches, as far as the cap.
  const alternatives = [...clausesByLookup.flat(), ...excludedByLookup];
  const results = await index.multi(alternatives.map((words) => ({ ...MATCH, q: words.join(" "), filter: base, limit: CANDIDATE_CAP, attributesToRetrieve: ["groupKey"] })));
  const reached = results.map((r) => new Set(r.hits.map((h) => h.groupKey as string)));
  const truncated = results.some((r) => r.hits.length >= CANDIDATE_CAP);
  let at = 0;
  const perClause = clausesByLookup.map((anyOf) => union(anyOf.map(() => reached[at++]!)));
  const excluded = [...union(reached.slice(at))];
  const filter = [...base, ...notIn("groupKey", excluded)];
  if (!perClause.length) return { queries, disjoint: false, filter, catchAll: false, truncated };

  const gone = new Set(excluded);
  const records = [...perClause.reduce((a, b) => new Set([...a].filter((k) => b.has(k))))].filter((k) => !gone.has(k));
  if (!records.length) return null;
  // Each combination cut to what Meilisearch reads ranks the records it reaches (exclusions
  // went to the lookups); the catch-all query counts the ones that satisfy the query
  // through other spellings.
  const cut = [...new Set(combos.map((words) => words.slice(0, MAX_QUERY_WORDS).join(" ")))];
  return { queries: cut, disjoint: false, filter: [...base, isIn("groupKey", records)], catchAll: true, truncated };
}

/**
 * The query as parts that no record matches twice, when there are a few: for clauses a|b and
 * c|d, "a c", "b c -a", "a d -c" and "b d -a -c". Their counts and facets then add up, and
 * their hits merge without duplicates. A negative word cannot say "not both of these", so an
 * alternative of several Meilisearch words is never negated: it goes last in its clause, and
 * a clause with two of them cannot be split; null then.
 */
export function disjointParts(must: Words[][], negatives: string[]): string[] | null {
  let parts: string[][] = [[]];
  for (const anyOf of must) {
    // Stable: the typed spelling stays first among the one-word alternatives.
    const words = [...anyOf].sort((a, b) => Number(a.length > 1) - Number(b.length > 1));
    if (words.slice(0, -1).some((w) => w.length > 1)) return null;
    parts = parts.flatMap((part) => words.map((w, i) => [...part, ...w, ...words.slice(0, i).map(([word]) => `-${word}`)]));
    if (parts.length > MAX_PARTS) return null;
  }
  if (parts.length < 2 || parts.some((part) => part.length + negatives.length > MAX_QUERY_WORDS)) return null;
  return parts.map((part) => [...part, ...negatives].join(" "));
}

const newerFirst = (a: MeiliHit, b: MeiliHit) => ((b.dateNum as number | null) ?? -1) - ((a.dateNum as number | null) ?? -1);
const betterFirst = (a: MeiliHit, b: MeiliHit) => (b._rankingScore ?? 0) - (a._rankingScore ?? 0);

interface Found {
  total: number;
  hits: MeiliHit[];
  facets: MeiliResult["facetDistribution"];
}

/** One spelling: Meilisearch ranks (or sorts), pages, counts and facets in one query. */
async function searchOne(index: MeiliIndex, plan: Plan, page: number, pageSize: number, newest: boolean): Promise<Found> {
  const [result] = await index.multi([
    { ...SHOWN, q: plan.queries[0], filter: plan.filter, page, hitsPerPage: pageSize, facets: FACETS, ...(newest && { sort: ["dateNum:desc"] }) },
  ]);
  return { total: result!.totalHits ?? 0, hits: result!.hits, facets: result!.facetDistribution };
}

/**
 * Several spellings: a federated search merges them, counting each record once. Typed
 * spellings come first on equal scores (weights a hair apart). Newest first is merged here:
 * each query's newest records, then the merged count and facets alongside.
 */
async function searchMany(index: MeiliIndex, plan: Plan, page: number, pageSize: number, newest: boolean): Promise<Found> {
  const queries: MeiliQuery[] = plan.queries.map((q, i) => ({ ...SHOWN, q, filter: plan.filter, federationOptions: { weight: 1 - i / 1000 } }));
  if (plan.catchAll) queries.push({ ...SHOWN, q: EVERY_DOCUMENT, filter: plan.filter, federationOptions: { weight: 0.001 } });
  if (!newest) {
    const result = await index.federated(queries, { offset: (page - 1) * pageSize, limit: pageSize, facets: FACETS });
    return { total: result.estimatedTotalHits ?? 0, hits: result.hits, facets: result.facetDistribution };
  }
  const need = page * pageSize;
  const [counted, lists] = await Promise.all([
    index.federated(queries.map((q) => ({ ...q, attributesToRetrieve: ["groupKey"] })), { offset: 0, limit: 0, facets: FACETS }),
    index.multi(queries.map(({ federationOptions: _, ...q }) => ({ ...q, sort: ["dateNum:desc"], limit: need }))),
  ]);
  // Newest first, then the better score; a record found by several spellings once.
  const byRecord = new Map<string, MeiliHit>();
  const sorted = lists
    .flatMap((r) => r.hits)
    .sort((a, b) => newerFirst(a, b) || betterFirst(a, b));
  for (const hit of sorted) if (!byRecord.has(hit.groupKey as string)) byRecord.set(hit.groupKey as string, hit);
  return { total: counted.estimatedTotalHits ?? 0, hits: [...byRecord.values()].slice(need - pageSize, need), facets: counted.facetDistribution };
}

/**
 * Disjoint parts (see disjointParts), each its own request: their counts and facets add up,
 * and the page is cut from their hits merged by score (or date), the typed spellings first.
 */
async function searchParts(index: MeiliIndex, plan: Plan, page: number, pageSize: number, newest: boolean): Promise<Found> {
  const need = page * pageSize;
  const results = await Promise.all(
    plan.queries.map((q) => index.search({ ...SHOWN, q, filter: plan.filter, page: 1, hitsPerPage: need, facets: FACETS, ...(newest && { sort: ["dateNum:desc"] }) })),
  );
  const ranked = results.flatMap((r, part) => r.hits.map((hit) => ({ hit, part })));
  ranked.sort((a, b) => (newest ? newerFirst(a.hit, b.hit) : 0) || betterFirst(a.hit, b.hit) || a.part - b.part);
  const facets: Record<string, Record<string, number>> = {};
  for (const r of results) {
    for (const [field, counts] of Object.entries(r.facetDistribution ?? {})) {
      const sum = (facets[field] ??= {});
      for (const [value, count] of Object.entries(counts)) sum[value] = (sum[value] ?? 0) + count;
    }
  }
  return { total: results.reduce((n, r) => n + (r.totalHits ?? 0), 0), hits: ranked.slice(need - pageSize, need).map((r) => r.hit), facets };
}

/** Every way to pick one alternative per clause, the typed spellings first; capped. */
export function combinations<T>(clauses: T[][]): T[][] {
  let list: { picks: T[]; rank: number }[] = [{ picks: [], rank: 0 }];
  for (const clause of clauses) {
    list = list
      .flatMap((c) => clause.map((p, i) => ({ picks: [...c.picks, p], rank: c.rank + i })))
      .sort((a, b) => a.rank - b.rank)
      .slice(0, MAX_COMBINATIONS);
  }
  return list.map((c) => c.picks);
}

function union(sets: Set<string>[]): Set<string> {
  const all = new Set<string>();
  for (const s of sets) for (const k of s) all.add(k);
  return all;
}

/**
 * The chunk a hit shows: the one holding the most clauses; then the one holding the clauses
 * fewest of the record's chunks hold (for ヤングケアラー 支援, the one section about ヤングケアラー
 * rather than one of several that mention 支援); then the one with the most of its text matched
 * (for 令和4年度 相談, 令和4年度 once rather than 相談 twice); then one that names its part (a
 * section, an article: the hit can link to it) over a record's unnamed lead; then the first.
 * Much as the Postgres engine shows a record by its best-ranked chunk. A record found by its
 * title alone shows its first chunk.
 */
export function bestChunk(chunks: StoredChunk[], query: SearchQuery): StoredChunk {
  const matched = chunks.map((chunk) => matchedByClause(chunk.norm, query));
  const holders = query.clauses.map((_, c) => matched.filter((byClause) => byClause[c]! > 0).length);
  let best = 0;
  let bestScore: number[] = [];
  matched.forEach((byClause, i) => {
    const held = byClause.filter((n) => n > 0).length;
    if (!held) return;
    const distinct = byClause.reduce((sum, n, c) => sum + (n > 0 ? 1 / holders[c]! : 0), 0);
    const score = [held, distinct, byClause.reduce((a, b) => a + b, 0), chunks[i]!.locator ? 1 : 0];
    if (isHigher(score, bestScore)) [best, bestScore] = [i, score];
  });
  return chunks[best]!;
}

/** Compares scores position by position; a score beats none. */
function isHigher(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] === undefined || a[i]! > b[i]!;
  return false;
}

/** Occurrences counted up to this many per spelling: enough to tell a passing mention from a section about it. */
const MAX_COUNTED = 20;

/**
 * How much of the text each clause of the query matches, in characters (0 for exclusions): a
 * long word found once (令和4年度) says as much as a short one found as often (相談), as the
 * Postgres engine's rank counts matched grams.
 */
function matchedByClause(normalized: string, query: SearchQuery): number[] {
  return query.clauses.map((clause) => {
    if (clause.kind !== "match") return 0;
    let matched = 0;
    for (const term of clause.anyOf) {
      for (const spelling of [term.text, ...term.variants]) {
        let found = 0;
        for (let at = normalized.indexOf(spelling); at >= 0 && found < MAX_COUNTED; at = normalized.indexOf(spelling, at + spelling.length)) found++;
        matched += found * spelling.length;
      }
    }
    return matched;
  });
}

function toHit(h: MeiliHit, query: SearchQuery): SearchHit {
  const chunk = bestChunk(h.chunks as StoredChunk[], query);
  return {
    id: chunk.id,
    sourceType: h.sourceType as SearchDocument["sourceType"],
    sourceId: h.sourceId as number,
    recordId: (h.recordId as number | null) ?? null,
    draftId: (h.draftId as number | null) ?? null,
    anchor: chunk.anchor,
    locator: chunk.locator,
    title: highlightAll(h.title as string, query),
    kind: h.kind as string,
    bodyName: (h.bodyName as string | null) ?? null,
    date: (h.date as string | null) ?? null,
    snippet: snippet(chunk.text, query),
    score: h._federation?.weightedRankingScore ?? h._rankingScore ?? 0,
  };
}

/** Meilisearch's facet distribution in the engine's shape: most frequent first. */
export function facetsFrom(distribution: Record<string, Record<string, number>>): SearchResponse["facets"] {
  const list = (field: string) =>
    Object.entries(distribution[field] ?? {})
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    kind: list(FACET_FIELDS.kind),
    department: list(FACET_FIELDS.department),
    body: list(FACET_FIELDS.body),
    tag: list(FACET_FIELDS.tag),
    // Newest year first, as in the Postgres engine.
    fiscalYear: list(FACET_FIELDS.fiscalYear).sort((a, b) => Number(b.value) - Number(a.value)),
  };
}
