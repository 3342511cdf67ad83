// Public API of the search text pipeline. Engines, the indexer and the highlighter import
// from here only, so both engines see text exactly the same way.

export { analyze, type AnalyzedText, type AnalyzeOptions } from "./analyze";
export { bigrams } from "./bigrams";
export { DEFAULT_TERMS } from "./default-terms";
export { createDictionary, DEFAULT_DICTIONARY, type SearchDictionary } from "./dictionary";
export { SEARCH_ERAS, eraYearVariants, parseEraYearNumber, type SearchEra } from "./era-year";
export { KANJI_VARIANT_FOLDS } from "./kanji-variants";
export { toOriginalRange, type OffsetMap } from "./mapped-text";
export { normalizeForSearch, normalizeText, type NormalizedText } from "./normalize";
export { RADICAL_SUPPLEMENT_FOLDS } from "./radicals";
export {
  analyzeQuery,
  type QueryClause,
  type QueryOptions,
  type QueryTerm,
  type SearchQuery,
} from "./query";
export { MAX_QUERY_LENGTH } from "./query-syntax";
export { segment } from "./segment";
export { DEFAULT_SYNONYMS, expandSynonyms, type SynonymSet } from "./synonyms";
export type { Token } from "./token";
export { icuVersion, TOKENIZER_VERSION, tokenizerFingerprint } from "./version";
