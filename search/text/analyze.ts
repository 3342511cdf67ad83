// What an indexer stores for one text: normalized text with offsets back to the original,
// dictionary-aware words, character bigrams and era-year terms.

import { bigrams } from "./bigrams";
import { DEFAULT_DICTIONARY, type SearchDictionary } from "./dictionary";
import { eraYearVariants } from "./era-year";
import type { OffsetMap } from "./mapped-text";
import { normalizeForSearch } from "./normalize";
import { segment } from "./segment";
import type { Token } from "./token";

export interface AnalyzeOptions {
  /** Terms kept whole by the segmenter; DEFAULT_DICTIONARY when left out. */
  readonly dictionary?: SearchDictionary;
}

export interface AnalyzedText extends OffsetMap {
  /** Normalized text; every token offset points into it. */
  readonly normalized: string;
  readonly words: readonly Token[];
  readonly bigrams: readonly Token[];
  /** Other spellings of era years (令和4年 → 2022年), spanning their source; index them as words. */
  readonly eraTerms: readonly Token[];
}

export function analyze(text: string, options: AnalyzeOptions = {}): AnalyzedText {
  const normalized = normalizeForSearch(text);
  return {
    normalized: normalized.text,
    map: normalized.map,
    mapEnd: normalized.mapEnd,
    originalLength: normalized.originalLength,
    words: segment(normalized, options.dictionary ?? DEFAULT_DICTIONARY),
    bigrams: bigrams(normalized.text),
    eraTerms: eraYearVariants(normalized.text),
  };
}
