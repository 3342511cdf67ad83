// Word segmentation: dictionary terms first (longest match), Intl.Segmenter for the rest.
// The segmenter alone shreds kana words (ひきこもり → ひき|こ|も|り) and splits compounds
// (家族会 → 家族|会); the dictionary keeps domain terms whole, bigrams cover the rest.

import { codePointAt, codePointBefore, isAlnum, isKatakana } from "./chars";
import { DEFAULT_DICTIONARY, type SearchDictionary } from "./dictionary";
import type { NormalizedText } from "./normalize";
import { piecesForSegmenter } from "./segmenter-pieces";
import type { Token } from "./token";

let wordSegmenter: Intl.Segmenter | undefined;

function segmenter(): Intl.Segmenter {
  wordSegmenter ??= new Intl.Segmenter("ja", { granularity: "word" });
  return wordSegmenter;
}

/**
 * Word tokens of normalized text, in order, with offsets into it. Pass the NormalizedText
 * when you have it: boundaries then come from its katakana-preserving `boundaryText`
 * while token text comes from the folded `text`. A plain string serves as both.
 */
export function segment(input: NormalizedText | string, dictionary: SearchDictionary = DEFAULT_DICTIONARY): Token[] {
  const text = typeof input === "string" ? input : input.text;
  const boundaries = typeof input === "string" ? input : input.boundaryText;
  const tokens: Token[] = [];
  let gapStart = 0;
  let i = 0;
  while (i < text.length) {
    const term = longestTermAt(text, boundaries, i, dictionary);
    if (term === undefined) {
      i++;
      continue;
    }
    segmentGap(text, boundaries, gapStart, i, tokens);
    tokens.push({ text: term, start: i, end: i + term.length });
    i += term.length;
    gapStart = i;
  }
  segmentGap(text, boundaries, gapStart, text.length, tokens);
  return tokens;
}

function longestTermAt(text: string, boundaries: string, at: number, dictionary: SearchDictionary): string | undefined {
  const candidates = dictionary.byFirstUnit.get(text[at]);
  if (candidates === undefined) return undefined;
  for (const term of candidates) {
    if (text.startsWith(term, at) && onWordEdges(boundaries, at, at + term.length)) return term;
  }
  return undefined;
}

/**
 * A term must not start or end in the middle of a Latin/digit word (8050問題 inside
 * 18050問題) or of a katakana word (ケア inside ヤングケアラー). Kanji and hiragana have no
 * visible word edges, so terms may touch them.
 */
function onWordEdges(boundaries: string, start: number, end: number): boolean {
  const first = codePointAt(boundaries, start);
  const last = codePointBefore(boundaries, end);
  const before = codePointBefore(boundaries, start);
  const after = codePointAt(boundaries, end);
  if (isAlnum(first) && isAlnum(before)) return false;
  if (isAlnum(last) && isAlnum(after)) return false;
  if (isKatakana(first) && isKatakana(before)) return false;
  if (isKatakana(last) && isKatakana(after)) return false;
  return true;
}

function segmentGap(text: string, boundaries: string, start: number, end: number, tokens: Token[]): void {
  for (const [pieceStart, pieceEnd] of piecesForSegmenter(boundaries, start, end)) {
    for (const part of segmenter().segment(boundaries.slice(pieceStart, pieceEnd))) {
      if (!part.isWordLike) continue;
      const from = pieceStart + part.index;
      const to = from + part.segment.length;
      tokens.push({ text: text.slice(from, to), start: from, end: to });
    }
  }
}
