import { commentSource } from "../comments/search-source";
import { draftSource } from "../drafting/search-source";
import { decisionSource, recordSource } from "../knowledge/search-sources";
import type { DocumentSource } from "../search/source";

/** Everything the search index holds: the knowledge base, drafts' clauses and comments. */
export const SEARCH_SOURCES: readonly DocumentSource[] = [recordSource, decisionSource, draftSource, commentSource];
