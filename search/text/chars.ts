// Character classes shared by the normalizer, the segmenter and the bigram indexer.
// They take one code point (a string of one or two UTF-16 units).

const KANA = /^[\p{sc=Hiragana}\p{sc=Katakana}\u30FC]$/u;
const KATAKANA = /^[\p{sc=Katakana}\u30FC]$/u;
// 々 (U+3005), 〆 (U+3006) and 〇 (U+3007) behave as ideographs inside words.
const CJK = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30FC\u3005-\u3007]$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}\p{M}]$/u;

/** Hiragana, katakana or the long vowel mark ー. */
export function isKana(ch: string | undefined): boolean {
  return ch !== undefined && KANA.test(ch);
}

/** Katakana or ー: a katakana word runs over these. */
export function isKatakana(ch: string | undefined): boolean {
  return ch !== undefined && KATAKANA.test(ch);
}

/** Ideographs and kana: text indexed by character bigrams. */
export function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && CJK.test(ch);
}

/** Letters and digits of alphabetic scripts (Latin, digits, Greek, Hangul ...): indexed as whole words. */
export function isAlnum(ch: string | undefined): boolean {
  return ch !== undefined && LETTER_OR_DIGIT.test(ch) && !CJK.test(ch);
}

/** The code point that starts at UTF-16 index i (both halves of a surrogate pair). */
export function codePointAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}

/** The code point that ends just before UTF-16 index i. */
export function codePointBefore(text: string, i: number): string {
  if (i <= 0) return "";
  const low = text.charCodeAt(i - 1);
  if (i >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(i - 2, i);
  }
  return text.slice(i - 1, i);
}
