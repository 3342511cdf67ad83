// Intl.Segmenter (ICU 78 in Node 20) slows down more than linearly with input length:
// one 100,000-character call took ~9 s here, while the same text cut at punctuation took
// milliseconds. So long stretches are cut into short pieces before segmenting, at places
// where no word can straddle the cut.

import { codePointAt, codePointBefore } from "./chars";

/** Longest piece handed to Intl.Segmenter, in UTF-16 units. */
export const MAX_PIECE_LENGTH = 256;

const BREAK_AFTER = /^[^\p{L}\p{N}\p{M}]$/u; // punctuation, spaces, symbols
const HAN = /^\p{sc=Han}$/u;

/** Cuts [start, end) of `text` into consecutive pieces of at most `max` units. */
export function piecesForSegmenter(
  text: string,
  start: number,
  end: number,
  max: number = MAX_PIECE_LENGTH,
): [number, number][] {
  const pieces: [number, number][] = [];
  let from = start;
  while (end - from > max) {
    const cut = findCut(text, from, from + max);
    pieces.push([from, cut]);
    from = cut;
  }
  if (end > from) pieces.push([from, end]);
  return pieces;
}

/** Best cut in (from, limit]: after punctuation, else at a kanji/kana edge, else at limit. */
function findCut(text: string, from: number, limit: number): number {
  const floor = from + Math.floor((limit - from) / 2);
  for (let at = limit; at > floor; at--) {
    if (BREAK_AFTER.test(codePointBefore(text, at)) && !isInsidePair(text, at)) return at;
  }
  for (let at = limit; at > floor; at--) {
    if (HAN.test(codePointBefore(text, at)) !== HAN.test(codePointAt(text, at)) && !isInsidePair(text, at)) return at;
  }
  return isInsidePair(text, limit) ? limit - 1 : limit;
}

/** True when index `at` falls between the two halves of a surrogate pair. */
function isInsidePair(text: string, at: number): boolean {
  const low = text.charCodeAt(at);
  const high = text.charCodeAt(at - 1);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
}
