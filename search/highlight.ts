import { normalizeForSearch, toOriginalRange, type SearchQuery } from "./text";
import type { Highlighted } from "./engine";

// Highlights computed from our own pipeline, so both engines mark the same characters:
// the query's spellings are found in the folded text (spaces ignored, as grams ignore
// them) and each match is mapped back to the characters the person wrote.

const SNIPPET_LENGTH = 140;

// A page of hits highlights every title and snippet with one query: fold its spellings once.
const spellingsOf = new WeakMap<SearchQuery, string[]>();

function spellings(query: SearchQuery): string[] {
  const known = spellingsOf.get(query);
  if (known) return known;
  const folded = foldedSpellings(query);
  spellingsOf.set(query, folded);
  return folded;
}

function foldedSpellings(query: SearchQuery): string[] {
  const all = new Set<string>();
  for (const clause of query.clauses) {
    if (clause.kind !== "match") continue;
    for (const term of clause.anyOf) for (const s of [term.text, ...term.variants]) all.add(normalizeForSearch(s).text.replace(/\s+/g, ""));
  }
  return [...all].filter(Boolean).sort((a, b) => b.length - a.length);
}

/** Ranges in `text` (original offsets) where any spelling of the query occurs. */
export function matchRanges(text: string, query: SearchQuery): [number, number][] {
  const normalized = normalizeForSearch(text);
  // The folded text without whitespace, remembering where each character was.
  let compact = "";
  const at: number[] = [];
  for (let i = 0; i < normalized.text.length; i++) {
    if (/\s/.test(normalized.text[i]!)) continue;
    compact += normalized.text[i];
    at.push(i);
  }
  const ranges: [number, number][] = [];
  for (const spelling of spellings(query)) {
    for (let from = compact.indexOf(spelling); from !== -1; from = compact.indexOf(spelling, from + 1)) {
      const original = toOriginalRange(normalized, at[from]!, at[from + spelling.length - 1]! + 1);
      ranges.push([original.start, original.end]);
    }
  }
  return mergeRanges(ranges);
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** The whole text with its matches marked (titles). */
export function highlightAll(text: string, query: SearchQuery): Highlighted {
  return { text, ranges: matchRanges(text, query) };
}

/** A window of the text around its first match, with the matches in it marked. */
export function snippet(text: string, query: SearchQuery, length = SNIPPET_LENGTH): Highlighted {
  const flat = text.replace(/\s*\n\s*/g, " ");
  const ranges = matchRanges(flat, query);
  const first = ranges[0];
  let start = first ? Math.max(0, first[0] - Math.floor(length / 3)) : 0;
  // Start at a sentence or word boundary when one is close.
  const boundary = flat.lastIndexOf("。", first ? first[0] : 0);
  if (first && boundary >= start - 20 && boundary < first[0]) start = boundary + 1;
  const end = Math.min(flat.length, start + length);
  const prefix = start > 0 ? "…" : "";
  const suffix = end < flat.length ? "…" : "";
  const shift = prefix.length - start;
  return {
    text: prefix + flat.slice(start, end) + suffix,
    ranges: ranges
      .filter(([s, e]) => s >= start && e <= end)
      .map(([s, e]) => [s + shift, e + shift] as [number, number]),
  };
}
