import { groupKeyOf, titleIsSearched, type SearchDocument } from "../engine";
import { gramFields } from "./meili-grams";

// How chunks are stored in Meilisearch: one document per hit-sized unit (a record with all
// its sections, a decision, a clause, a comment), so that Meilisearch itself counts and
// facets records, and holds every clause of a query somewhere in a record, in one request.
// A chunk's grams are one array item: Meilisearch spaces items apart, so no phrase spans two
// chunks. Each chunk also keeps its normalized text, from which the search picks the chunk
// a hit shows (Meilisearch's `_matchesPosition` would re-tokenize every gram: 40–60 ms a page).

/** Records considered for totals; the same cap as the Postgres engine. */
export const CANDIDATE_CAP = 2000;

/**
 * Meilisearch indexes at most 65,535 positions of an attribute and silently drops the rest;
 * an array item takes its words plus a gap of about 8. A record longer than that (a large
 * law) spreads its chunks over buckets, grams.b0, grams.b1 …, each an attribute of its own.
 */
const BUCKET_POSITIONS = 60_000;
const ITEM_GAP = 8;

/** Meilisearch ids allow letters, digits, - and _ only; ours have colons. */
export function primaryKeyOf(groupKey: string): string {
  return Buffer.from(groupKey, "utf8").toString("base64url");
}

export function sourceKeyOf(sourceType: SearchDocument["sourceType"], sourceId: number): string {
  return `${sourceType}:${sourceId}`;
}

/** YYYY-MM-DD as 20240131: Meilisearch sorts and range-filters numbers, not dates. */
export function dateNumber(date: string | null | undefined): number | null {
  return date ? Number(date.slice(0, 10).replace(/-/g, "")) : null;
}

/** What a hit shows of a chunk; the grams stay inside the engine. */
export interface StoredChunk {
  id: string;
  anchor: string | null;
  locator: string | null;
  text: string;
  /** The text as search/text normalizes it: what query terms are compared with. */
  norm: string;
}

/** Chunks by group, in the order given (a record's sections in reading order). */
export function groupChunks(docs: SearchDocument[]): Map<string, SearchDocument[]> {
  const groups = new Map<string, SearchDocument[]>();
  for (const doc of docs) {
    const key = groupKeyOf(doc);
    const list = groups.get(key);
    if (list) list.push(doc);
    else groups.set(key, [doc]);
  }
  return groups;
}

const NO_TITLE = gramFields("");

/**
 * A word every document holds (among its title marks; past the last code point, so no gram
 * is spelled so): a query for it finds any record inside a filter and, unlike an empty query,
 * ranks by relevance, so a federated search may merge it with the others.
 */
export const EVERY_DOCUMENT = "xzzzw";
const countWords = (text: string) => (text ? text.split(" ").length : 0);

/** One Meilisearch document for the chunks of one group (all from one source). */
export function meiliDocument(chunks: SearchDocument[]) {
  const first = chunks[0]!;
  const title = titleIsSearched(first) ? gramFields(first.title) : NO_TITLE;
  const grams: Record<string, string[]> = {};
  const marks: Record<string, string[]> = {};
  let buckets = 0;
  const stored: StoredChunk[] = [];
  let used = Number.POSITIVE_INFINITY;
  let usedMarks = 0;
  for (const chunk of chunks) {
    const fields = gramFields(chunk.text);
    const gramCost = countWords(fields.grams) + ITEM_GAP;
    const markCost = fields.marks.length + ITEM_GAP;
    if (used + gramCost > BUCKET_POSITIONS || usedMarks + markCost > BUCKET_POSITIONS) {
      buckets++;
      grams[`b${buckets - 1}`] = [];
      marks[`b${buckets - 1}`] = [];
      used = usedMarks = 0;
    }
    const bucket = `b${buckets - 1}`;
    grams[bucket]!.push(fields.grams);
    marks[bucket]!.push(fields.marks.join(" "));
    stored.push({ id: chunk.id, anchor: chunk.anchor, locator: chunk.locator, text: chunk.text, norm: fields.normalized });
    used += gramCost;
    usedMarks += markCost;
  }
  const groupKey = groupKeyOf(first);
  return {
    pk: primaryKeyOf(groupKey),
    groupKey,
    sourceKey: sourceKeyOf(first.sourceType, first.sourceId),
    sourceType: first.sourceType,
    sourceId: first.sourceId,
    recordId: first.recordId,
    draftId: first.draftId,
    title: first.title,
    kind: first.kind,
    bodyId: first.bodyId,
    bodyName: first.bodyName,
    departmentId: first.departmentId,
    departmentName: first.departmentName,
    fiscalYear: first.fiscalYear,
    date: first.date,
    dateNum: dateNumber(first.date),
    tags: first.tags,
    titleGrams: title.grams,
    titleMarks: [...title.marks, EVERY_DOCUMENT],
    grams,
    marks,
    chunkCount: chunks.length,
    chunks: stored,
  };
}

export type MeiliDocument = ReturnType<typeof meiliDocument>;

/** Fields a hit needs: everything but the grams. */
export const HIT_FIELDS = ["groupKey", "sourceType", "sourceId", "recordId", "draftId", "title", "kind", "bodyName", "date", "dateNum", "chunks"];
export const FACET_FIELDS = { kind: "kind", department: "departmentName", body: "bodyName", tag: "tags", fiscalYear: "fiscalYear" } as const;

export const INDEX_SETTINGS = {
  searchableAttributes: ["titleGrams", "titleMarks", "grams", "marks"],
  displayedAttributes: [...HIT_FIELDS, "pk", "sourceKey"],
  filterableAttributes: ["pk", "kind", "departmentId", "departmentName", "bodyId", "bodyName", "tags", "fiscalYear", "dateNum", "sourceKey", "groupKey", "chunkCount"],
  sortableAttributes: ["dateNum"],
  distinctAttribute: null,
  // "sort" first so that newest-first is by date, then relevance; the date breaks ties otherwise.
  rankingRules: ["sort", "words", "proximity", "attribute", "exactness", "dateNum:desc"],
  // Our grams are ASCII words, so this changes no match; it keeps Meilisearch from reading
  // anything stored or typed as Chinese should a field ever be searched as written.
  localizedAttributes: [{ attributePatterns: ["*"], locales: ["jpn"] }],
  // Grams match exactly: no typos, and no prefixes (a lone character uses `marks`).
  typoTolerance: { enabled: false },
  prefixSearch: "disabled",
  facetSearch: false,
  stopWords: [],
  faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { "*": "count" } },
  pagination: { maxTotalHits: CANDIDATE_CAP },
  // byWord, not byAttribute: with byAttribute a phrase only needs its words in the same
  // attribute, so 民官連携 would find 官民連携.
  proximityPrecision: "byWord",
};
