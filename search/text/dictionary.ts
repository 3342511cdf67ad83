// The user dictionary: terms the segmenter must keep whole. It is data (an admin-editable
// list later); this module only prepares it for longest-match lookup.

import { DEFAULT_TERMS } from "./default-terms";
import { normalizeText } from "./normalize";

export interface SearchDictionary {
  /** Normalized, unique, longest first. */
  readonly terms: readonly string[];
  /** Terms by their first UTF-16 unit, longest first, for the scan in segment(). */
  readonly byFirstUnit: ReadonlyMap<string, readonly string[]>;
}

/** Normalizes the terms through the search pipeline so they match normalized text. */
export function createDictionary(terms: Iterable<string>): SearchDictionary {
  const unique = new Set<string>();
  for (const term of terms) {
    const normalized = normalizeText(term);
    if (normalized !== "") unique.add(normalized);
  }
  const sorted = [...unique].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const byFirstUnit = new Map<string, string[]>();
  for (const term of sorted) {
    const key = term[0];
    const list = byFirstUnit.get(key);
    if (list === undefined) byFirstUnit.set(key, [term]);
    else list.push(term);
  }
  return { terms: sorted, byFirstUnit };
}

export const DEFAULT_DICTIONARY: SearchDictionary = createDictionary(DEFAULT_TERMS);
