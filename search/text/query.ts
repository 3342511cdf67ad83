// analyzeQuery: the typed query as a small AST whose terms are already analyzed with the
// same pipeline as documents, so every engine builds its own query from the same pieces.

import { bigrams } from "./bigrams";
import { DEFAULT_DICTIONARY, type SearchDictionary } from "./dictionary";
import { eraYearVariants } from "./era-year";
import { normalizeForSearch } from "./normalize";
import { capLength, MAX_QUERY_LENGTH, readQueryParts } from "./query-syntax";
import { segment } from "./segment";
import { DEFAULT_SYNONYMS, expandSynonyms, type SynonymSet } from "./synonyms";

export interface QueryTerm {
  /** As typed, without quotes or the leading minus: for echoing back to the person. */
  readonly raw: string;
  /** Normalized text. Phrases must match it contiguously. */
  readonly text: string;
  readonly phrase: boolean;
  /** Normalized words (dictionary first); empty for punctuation or emoji only. */
  readonly words: readonly string[];
  readonly bigrams: readonly string[];
  /** Other normalized spellings that also match: synonyms and era years (令和4年 ↔ 2022年). */
  readonly variants: readonly string[];
}

export type QueryClause =
  /** At least one of the terms must match; one term unless OR was used. */
  | { readonly kind: "match"; readonly anyOf: readonly QueryTerm[] }
  /** Records matching the term are left out. */
  | { readonly kind: "exclude"; readonly term: QueryTerm };

export interface SearchQuery {
  /** Every clause must hold (AND). Empty when the query has nothing to search for. */
  readonly clauses: readonly QueryClause[];
  /** True when the query was longer than maxLength and its end was dropped. */
  readonly truncated: boolean;
}

export interface QueryOptions {
  readonly dictionary?: SearchDictionary;
  readonly synonyms?: readonly SynonymSet[];
  /** Code points read; MAX_QUERY_LENGTH (256) by default. */
  readonly maxLength?: number;
}

/**
 * Parses and analyzes a search box query. Never throws. A stray OR (first, last, or next
 * to an excluded term) is ignored; terms that normalize to nothing (a lone ・) are dropped.
 */
export function analyzeQuery(query: string, options: QueryOptions = {}): SearchQuery {
  const input = typeof query === "string" ? query : String(query ?? "");
  const { text, truncated } = capLength(input, options.maxLength ?? MAX_QUERY_LENGTH);
  const clauses: QueryClause[] = [];
  let orPending = false;
  for (const part of readQueryParts(text)) {
    if (part.kind === "or") {
      orPending = clauses.length > 0 && clauses[clauses.length - 1].kind === "match";
      continue;
    }
    const term = analyzeTerm(part.raw, part.phrase, options);
    if (term === undefined) {
      orPending = false;
      continue;
    }
    const last = clauses[clauses.length - 1];
    if (part.exclude) {
      clauses.push({ kind: "exclude", term });
    } else if (orPending && last?.kind === "match") {
      clauses[clauses.length - 1] = { kind: "match", anyOf: [...last.anyOf, term] };
    } else {
      clauses.push({ kind: "match", anyOf: [term] });
    }
    orPending = false;
  }
  return { clauses, truncated };
}

function analyzeTerm(raw: string, phrase: boolean, options: QueryOptions): QueryTerm | undefined {
  const normalized = normalizeForSearch(raw);
  const text = normalized.text;
  if (text === "") return undefined;
  const synonyms = expandSynonyms(text, options.synonyms ?? DEFAULT_SYNONYMS).slice(1);
  // An era year inside a longer term is swapped in place: 令和4年度予算 → 2022年度予算.
  const eraYears = eraYearVariants(text).map((v) => text.slice(0, v.start) + v.text + text.slice(v.end));
  return {
    raw,
    text,
    phrase,
    words: segment(normalized, options.dictionary ?? DEFAULT_DICTIONARY).map((token) => token.text),
    bigrams: bigrams(text).map((token) => token.text),
    variants: [...new Set([...synonyms, ...eraYears])].filter((variant) => variant !== text),
  };
}
