// Rewrites for punctuation and spacing, one rule each; normalize.ts decides their order.
// Those that look at neighbours take the previous character written and the next one read.

import { isKana } from "./chars";

// Zero-width and format characters (ZWSP, BOM, soft hyphen, bidi marks) and variation
// selectors (葛 + IVS is still 葛 for search): invisible, so never part of a match.
const IGNORABLE = /^[\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;

export function removeIgnorable(ch: string): string {
  return IGNORABLE.test(ch) ? "" : ch;
}

// Dashes typed or extracted in place of the long vowel mark ー. NFKC has already turned
// ｰ into ー, － into -, and ‑ into ‐. ─ (box drawing) comes out of PDFs for ー.
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const LONG_VOWEL_LOOKALIKES = new Set(["-", "\u2010", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\u2500"]);

/**
 * A dash right after kana is a long vowel (ケアラ―, コンピュータ－, ケアラ― followed by
 * punctuation or the end) unless a non-kana letter or digit follows: カ-2 and あ-B keep
 * their hyphen, and so does a dash before kanji, which is a separator more often than a
 * misplaced ー (センタ―長 is the rare miss).
 */
/** A quick test for what unifyLongVowel may change: most characters it need not look at. */
export function mayBeLongVowel(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code === 0x2d || (code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0x2500;
}

export function unifyLongVowel(ch: string, prev: string | undefined, next: string | undefined): string {
  if (!LONG_VOWEL_LOOKALIKES.has(ch) || !isKana(prev)) return ch;
  if (next === undefined || isKana(next) || LONG_VOWEL_LOOKALIKES.has(next)) return "\u30FC";
  return LETTER_OR_DIGIT.test(next) ? ch : "\u30FC";
}

// 〜 (WAVE DASH), ~ (also NFKC of FULLWIDTH TILDE ～), 〰 and ∼ all mean "from ... to".
const WAVE_DASHES = new Set(["\u301C", "~", "\u3030", "\u223C"]);

/** Every wave dash and tilde becomes ASCII "~", so 4月〜6月 and 4月～6月 agree. */
export function unifyWaveDash(ch: string): string {
  return WAVE_DASHES.has(ch) ? "~" : ch;
}

// ・ (also NFKC of ･), ·, ‧, ∙, ⋅ and the bullet •.
const MIDDLE_DOTS = new Set(["\u30FB", "\u00B7", "\u2027", "\u2219", "\u22C5", "\u2022"]);

/**
 * Middle dots become a space: in this domain they separate listed words (孤独・孤立,
 * 気づき・つなぎ), so 「孤独・孤立」 should match 「孤独 孤立」 and no bigram should span
 * the dot. The cost: ジョン・スミス does not match ジョンスミス (add a synonym if needed).
 */
export function unifyMiddleDot(ch: string): string {
  return MIDDLE_DOTS.has(ch) ? " " : ch;
}

const SPACE = /^[\s\p{Z}\p{Cc}]$/u;

function isSpace(ch: string): boolean {
  const code = ch.charCodeAt(0);
  // Printable ASCII and U+3001–U+FEFE (kana, kanji, full-width forms) hold no space or control character.
  if ((code > 0x20 && code < 0x7f) || (code > 0x3000 && code < 0xfeff)) return false;
  return SPACE.test(ch);
}

/** Runs of whitespace and control characters become one space; leading ones vanish. */
export function collapseWhitespace(ch: string, prev: string | undefined): string {
  if (!isSpace(ch)) return ch;
  return prev === undefined || prev === " " ? "" : " ";
}
