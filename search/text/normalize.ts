// The search normalizer: every engine and the highlighter see text through this, so a
// query and a document that a person would call "the same" compare equal.

import { foldKanaForMatching } from "./kana";
import { foldKanjiVariant } from "./kanji-variants";
import { emptyMappedText, pushMapped, type MappedText, type OffsetMap } from "./mapped-text";
import { isPlain, nfkcPiece, pieceEnd } from "./nfkc";
import { collapseWhitespace, mayBeLongVowel, removeIgnorable, unifyLongVowel, unifyMiddleDot, unifyWaveDash } from "./punctuation";
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
 *
 * NFKC and the character folds depend on the character alone, so they run as one step with
 * the result remembered per code point; the neighbour-aware passes then run together in one
 * loop. The same result as running each pass over the whole text (normalize-passes.test.ts
 * compares them), in a fraction of the time: highlighting and indexing normalize every text they see.
 */
export function normalizeForSearch(original: string): NormalizedText {
  const source = typeof original === "string" ? original : String(original ?? "");
  const folded = foldPieces(source);
  let text = "";
  // The source range of each UTF-16 unit of `text`.
  const starts: number[] = [];
  const ends: number[] = [];
  const n = folded.chars.length;
  let prevLongVowelPass: string | undefined;
  let prevWritten: string | undefined;
  for (let i = 0; i < n; i++) {
    const read = folded.chars[i]!;
    const ch = mayBeLongVowel(read) ? unifyLongVowel(read, prevLongVowelPass, i + 1 < n ? folded.chars[i + 1] : undefined) : read;
    prevLongVowelPass = ch;
    const spaced = collapseWhitespace(ch, prevWritten);
    if (spaced === "") continue;
    prevWritten = spaced;
    text += spaced;
    for (let k = 0; k < spaced.length; k++) {
      starts.push(folded.starts[i]!);
      ends.push(folded.ends[i]!);
    }
  }
  // Whitespace collapses to one space, so at most one trails.
  if (text.endsWith(" ")) {
    text = text.slice(0, -1);
    starts.pop();
    ends.pop();
  }
  const map = Int32Array.from(starts);
  const mapEnd = Int32Array.from(ends);
  return { text: foldKanaForMatching(text), boundaryText: text, map, mapEnd, originalLength: source.length };
}

/** NFKC and the character folds of a lone code point (no marks attached), remembered. */
const foldedPlain: (string | undefined)[] = new Array(0x10000);
const foldedOther = new Map<string, string>();
const MAX_REMEMBERED = 50_000;

function foldPiece(piece: string): string {
  let folded = foldedOther.get(piece);
  if (folded === undefined) {
    folded = foldNfkcPiece(piece);
    if (foldedOther.size >= MAX_REMEMBERED) foldedOther.clear();
    foldedOther.set(piece, folded);
  }
  return folded;
}

/** NFKC of one piece (see nfkc.ts), then the character folds on each code point it yields. */
function foldNfkcPiece(piece: string): string {
  let out = "";
  for (const ch of nfkcPiece(piece)) out += foldCharacter(ch);
  return out;
}

/** The text after NFKC and the character folds, each code point with its source range. */
function foldPieces(source: string): MappedText {
  const out = emptyMappedText();
  const n = source.length;
  for (let start = 0; start < n; ) {
    const code = source.charCodeAt(start);
    // The common case: a plain character with no mark after it, one UTF-16 unit.
    if (isPlain(code) && (start + 1 === n || isPlain(source.charCodeAt(start + 1)))) {
      const folded = (foldedPlain[code] ??= foldNfkcPiece(source[start]!));
      pushMapped(out, folded, start, start + 1);
      start++;
      continue;
    }
    const end = pieceEnd(source, start);
    pushMapped(out, foldPiece(source.slice(start, end)), start, end);
    start = end;
  }
  return out;
}

/** Shorthand when offsets are not needed (dictionary and synonym terms, query words). */
export function normalizeText(original: string): string {
  return normalizeForSearch(original).text;
}
