import { titleIsSearched, type SearchDocument } from "../engine";
import { gramFields } from "./meili-grams";

// How a chunk is stored in Meilisearch: its fields, the gram attributes that search reads
// (meili-grams.ts), and the index settings.

/** Matches considered for totals; the same cap as the Postgres engine. */
export const CANDIDATE_CAP = 2000;
/** Facet values Meilisearch lists per facet: every tag, every record a term reaches. */
export const MAX_FACET_VALUES = 20000;

/** Meilisearch ids allow letters, digits, - and _ only; ours have colons. */
export function primaryKeyOf(id: string): string {
  return Buffer.from(id, "utf8").toString("base64url");
}

export function sourceKeyOf(sourceType: SearchDocument["sourceType"], sourceId: number): string {
  return `${sourceType}:${sourceId}`;
}

/** YYYY-MM-DD as 20240131: Meilisearch sorts and range-filters numbers, not dates. */
export function dateNumber(date: string | null | undefined): number | null {
  return date ? Number(date.slice(0, 10).replace(/-/g, "")) : null;
}

const NO_TITLE = gramFields("");

/** The chunks as Meilisearch documents; the chunks of a record share its title, whose grams are computed once. */
export function meiliDocuments(docs: SearchDocument[]) {
  const titles = new Map<string, ReturnType<typeof gramFields>>();
  return docs.map((doc) => {
    if (!titleIsSearched(doc)) return meiliDocument(doc, NO_TITLE);
    let title = titles.get(doc.title);
    if (!title) titles.set(doc.title, (title = gramFields(doc.title)));
    return meiliDocument(doc, title);
  });
}

function meiliDocument(doc: SearchDocument, title: ReturnType<typeof gramFields>) {
  const body = gramFields(doc.text);
  return {
    pk: primaryKeyOf(doc.id),
    ...doc,
    // One hit per record, as in the Postgres engine.
    groupKey: doc.sourceType === "record" ? `record:${doc.recordId}` : doc.id,
    sourceKey: sourceKeyOf(doc.sourceType, doc.sourceId),
    dateNum: dateNumber(doc.date),
    grams: body.grams,
    marks: body.marks,
    titleGrams: title.grams,
    titleMarks: title.marks,
  };
}

/** Search parameter for one hit per record, as in the Postgres engine. */
export const RECORDS = { distinct: "groupKey" } as const;

/** Fields a hit needs (the gram fields stay inside the engine). */
export const HIT_FIELDS = ["pk", "id", "sourceType", "sourceId", "recordId", "draftId", "anchor", "locator", "title", "kind", "bodyName", "date", "text"];
export const FACET_FIELDS = { kind: "kind", department: "departmentName", body: "bodyName", tag: "tags", fiscalYear: "fiscalYear" } as const;

export const INDEX_SETTINGS = {
  searchableAttributes: ["titleGrams", "titleMarks", "grams", "marks"],
  displayedAttributes: [...HIT_FIELDS, "groupKey", "dateNum", "sourceKey"],
  filterableAttributes: ["pk", "kind", "departmentId", "departmentName", "bodyId", "bodyName", "tags", "fiscalYear", "dateNum", "sourceKey", "groupKey"],
  sortableAttributes: ["dateNum"],
  // One hit per record is asked for per query (RECORDS) rather than set here: queries that
  // read chunks would otherwise have to override it with `distinct: "pk"`, which costs a
  // facet lookup per matching chunk (80 ms for a common word at 20,000 chunks).
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
  // Record lookups read groupKey facet values, so the list must hold every record a term reaches.
  faceting: { maxValuesPerFacet: MAX_FACET_VALUES, sortFacetValuesBy: { "*": "count" } },
  pagination: { maxTotalHits: CANDIDATE_CAP },
  // byWord, not byAttribute: with byAttribute a phrase only needs its words in the same
  // attribute, so 民官連携 would find 官民連携. The price: indexing ~2.5x slower.
  proximityPrecision: "byWord",
};
