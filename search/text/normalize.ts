// The search normalizer: every engine and the highlighter see text through this, so a
// query and a document that a person would call "the same" compare equal.

import { foldKanaForMatching } from "./kana";
import { foldKanjiVariant } from "./kanji-variants";
import { rewrite, toStringWithMap, type CharRewrite, type MappedText, type OffsetMap } from "./mapped-text";
import { nfkcWithMap } from "./nfkc";
import { collapseWhitespace, removeIgnorable, unifyLongVowel, unifyMiddleDot, unifyWaveDash } from "./punctuation";
import { foldRadical } from "./radicals";

export interface NormalizedText extends OffsetMap {
  /** Fully folded text: what is indexed and matched. */
  readonly text: string;
  /**
   * `text` before the matching folds (katakana still katakana, 々 kept). Same length and
   * offsets as `text`; word boundaries come from it, since Intl.Segmenter keeps katakana
   * words whole but shreds the same word in hiragana.
   */
  readonly boundaryText: string;
}

/** Latin (and any cased script) to lower case; may yield two code points (İ → i̇). */
function foldCase(ch: string): string {
  return ch.toLowerCase();
}

/** Context-free folds, run in this order on each character (radicals before variants: ⻱→龜→亀). */
const CHARACTER_FOLDS: readonly ((ch: string) => string)[] = [
  removeIgnorable,
  foldRadical,
  foldKanjiVariant,
  foldCase,
  unifyWaveDash,
  unifyMiddleDot,
];

/** The folds above as one pass: each pass over the text costs more than the folds do. */
function foldCharacter(ch: string): string {
  let current = ch;
  for (const fold of CHARACTER_FOLDS) {
    if (current === "") return current;
    // A fold may yield two code points (İ → i̇); the next folds then see each of them.
    current = current.length === 1 || isSingleCodePoint(current) ? fold(current) : Array.from(current, fold).join("");
  }
  return current;
}

function isSingleCodePoint(text: string): boolean {
  return text.length === 2 && (text.codePointAt(0) ?? 0) > 0xffff;
}

/**
 * Passes in order: NFKC first (it creates ー, ~, ・ and ASCII); character folds; long vowels,
 * which look at neighbours already folded; whitespace last, after dots became spaces.
 */
const PASSES: readonly CharRewrite[] = [foldCharacter, unifyLongVowel, collapseWhitespace];

export function normalizeForSearch(original: string): NormalizedText {
  const source = typeof original === "string" ? original : String(original ?? "");
  let mapped: MappedText = nfkcWithMap(source);
  for (const pass of PASSES) mapped = rewrite(mapped, pass);
  trimTrailingSpace(mapped);
  const { text: boundaryText, map, mapEnd } = toStringWithMap(mapped);
  return { text: foldKanaForMatching(boundaryText), boundaryText, map, mapEnd, originalLength: source.length };
}

/** Shorthand when offsets are not needed (dictionary and synonym terms, query words). */
export function normalizeText(original: string): string {
  return normalizeForSearch(original).text;
}

function trimTrailingSpace(mapped: MappedText): void {
  while (mapped.chars.length > 0 && mapped.chars[mapped.chars.length - 1] === " ") {
    mapped.chars.pop();
    mapped.starts.pop();
    mapped.ends.pop();
  }
}
