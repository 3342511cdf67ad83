// One typed interface for both search engines (Postgres and Meilisearch). Everything that
// decides what matches and how it is highlighted lives in search/text, so the engines
// agree; an engine only stores chunks and answers queries.

/** One indexed chunk: a section or article of a record, a decision, a clause of a draft, a comment. */
export interface SearchDocument {
  /** Stable: "record:12:h-1a2b3c4d", "record:12:a3", "record:12:top", "decision:5", "clause:3:k2x9", "comment:8". */
  id: string;
  sourceType: "record" | "decision" | "clause" | "comment";
  sourceId: number;
  /** The record a hit opens (null for things outside the knowledge base). */
  recordId: number | null;
  /** The draft a hit opens: a clause's or a comment's (null for everything else). */
  draftId: number | null;
  /** The part of the record or draft: an anchor for deep links, and how people cite it. */
  anchor: string | null;
  locator: string | null;
  title: string;
  /** Record kind (measure, minutes …), "decision", "clause" or "comment". */
  kind: string;
  bodyId: number | null;
  bodyName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  fiscalYear: number | null;
  /** ISO date (YYYY-MM-DD) or null. */
  date: string | null;
  tags: string[];
  /** The chunk's text as written; snippets and highlights are cut from it. */
  text: string;
}

/**
 * Whether a query may match a chunk's title. A record's or a decision's title says what it is
 * about; a clause's or a comment's only names the draft it is in, and matching it would make
 * every clause and comment of a draft a hit for any word of the draft's title.
 */
export function titleIsSearched(doc: Pick<SearchDocument, "sourceType">): boolean {
  return doc.sourceType === "record" || doc.sourceType === "decision";
}

/** The unit a hit stands for: a record (whatever section matched), or the chunk itself. */
export function groupKeyOf(doc: Pick<SearchDocument, "id" | "sourceType" | "recordId">): string {
  return doc.sourceType === "record" ? `record:${doc.recordId}` : doc.id;
}

export interface SearchFilters {
  kinds?: string[];
  departmentIds?: number[];
  bodyIds?: number[];
  tags?: string[];
  fiscalYears?: number[];
  /** ISO dates, inclusive. */
  dateFrom?: string;
  dateTo?: string;
}

export interface SearchRequest {
  /** What the person typed; parsed by search/text analyzeQuery. */
  query: string;
  filters?: SearchFilters;
  sort?: "relevance" | "newest";
  /** 1-based. */
  page?: number;
  pageSize?: number;
  /** Synonym groups to read the query with (the admins' list); built-in ones when absent. */
  synonyms?: readonly (readonly string[])[];
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface Highlighted {
  text: string;
  /** [start, end) ranges in `text` to mark. */
  ranges: [number, number][];
}

export interface SearchHit {
  id: string;
  sourceType: SearchDocument["sourceType"];
  sourceId: number;
  recordId: number | null;
  draftId: number | null;
  anchor: string | null;
  locator: string | null;
  title: Highlighted;
  kind: string;
  bodyName: string | null;
  date: string | null;
  snippet: Highlighted;
  score: number;
}

export interface SearchResponse {
  total: number;
  /** True when the count was capped (shown as "1,000件以上"). */
  totalIsLowerBound: boolean;
  hits: SearchHit[];
  facets: {
    kind: FacetCount[];
    department: FacetCount[];
    body: FacetCount[];
    tag: FacetCount[];
    fiscalYear: FacetCount[];
  };
  /** A message for the person when the query was changed (e.g. cut to its first 256 characters). */
  notice?: string;
}

/** Everything indexed for one source (a record's sections, a decision). */
export interface SourceDocuments {
  sourceType: SearchDocument["sourceType"];
  sourceId: number;
  /** Empty when the source is gone. */
  docs: SearchDocument[];
}

export interface SearchEngine {
  readonly name: "postgres" | "meilisearch";
  /**
   * What the engine's stored documents are made of beyond the text pipeline's tokens (the
   * tokenizer fingerprint covers those). A new value means the index is rebuilt.
   */
  readonly documentFormat?: string;
  /**
   * Adds or replaces chunks by id (bulk loading, benchmarks). Every chunk of a record comes in
   * the same call: an engine may store a record as one document (Meilisearch does).
   */
  upsert(docs: SearchDocument[]): Promise<void>;
  /**
   * Replaces every chunk of one source (a record's sections, a decision) with `docs`, as
   * one change: a search never sees the source half-indexed. Empty `docs` removes it.
   */
  replaceSource(sourceType: SearchDocument["sourceType"], sourceId: number, docs: SearchDocument[]): Promise<void>;
  /**
   * replaceSource for many sources at once (the outbox indexer hands over up to a few
   * hundred): still no search sees any of them half-indexed, at a fraction of the cost.
   * Resolves only once the engine holds every change.
   */
  replaceSources(sources: SourceDocuments[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Drops everything (before a full reindex). */
  clear(): Promise<void>;
  /** Number of stored chunks. */
  count(): Promise<number>;
}
