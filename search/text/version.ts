// What an index was built with. Stored next to the index; a mismatch means reindex.

import type { SearchDictionary } from "./dictionary";

/**
 * Bump when normalization tables or rules, segmentation, bigrams, era-year terms or
 * DEFAULT_TERMS change. Synonyms are expanded at query time and need no bump.
 */
export const TOKENIZER_VERSION = "kizuna-text-1";

/** ICU version of this runtime: Intl.Segmenter output (and NFKC data) depend on it. */
export function icuVersion(): string {
  return globalThis.process?.versions?.icu ?? "unknown";
}

/**
 * TOKENIZER_VERSION, the ICU version and a hash of the dictionary in use, e.g.
 * "kizuna-text-1;icu=78.2;dict=9f3a01c2". Any change means indexed tokens may differ.
 */
export function tokenizerFingerprint(dictionary?: SearchDictionary): string {
  const parts = [TOKENIZER_VERSION, `icu=${icuVersion()}`];
  if (dictionary !== undefined) parts.push(`dict=${fnv1a([...dictionary.terms].sort().join("\n"))}`);
  return parts.join(";");
}

/** FNV-1a, 32 bit: short and stable; a collision (negligible for one admin list) would hide a change. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}
