// NFKC, applied piece by piece so each output character knows its source.
// A piece is a base character with the marks that may combine with it: ﾊﾟ (two half-width
// characters) becomes パ, and か + U+3099 becomes が, only if they are normalized together.

import { emptyMappedText, pushMapped, type MappedText } from "./mapped-text";

// Combining marks, the half-width voiced marks ﾞﾟ and the spacing marks ゛゜ all attach to
// the character before them.
const ATTACHING = "\\p{M}\\uFF9E\\uFF9F\\u309B\\u309C";
const PIECE = new RegExp(`[${ATTACHING}]+|[^][${ATTACHING}]*`, "gu");

// NFKC turns the spacing marks ゛゜ into a space plus a combining mark, which never joins
// the kana before it. Their combining forms do.
const SPACING_TO_COMBINING: Record<string, string> = { "\u309B": "\u3099", "\u309C": "\u309A" };

export function nfkcWithMap(original: string): MappedText {
  const out = emptyMappedText();
  for (const match of original.matchAll(PIECE)) {
    const piece = match[0];
    const start = match.index;
    const end = start + piece.length;
    if (piece.length === 1 && isNfkcStable(piece.charCodeAt(0))) {
      pushMapped(out, piece, start, end);
      continue;
    }
    const prepared = piece.replace(/[\u309B\u309C]/gu, (mark) => SPACING_TO_COMBINING[mark]);
    pushMapped(out, prepared.normalize("NFKC"), start, end);
  }
  return out;
}

/**
 * Single characters NFKC leaves unchanged, checked by range to skip most normalize()
 * calls on Japanese text: ASCII, hiragana and katakana letters, and CJK Unified Ideographs.
 */
function isNfkcStable(code: number): boolean {
  return (
    code < 0x80 ||
    (code >= 0x3041 && code <= 0x3096) ||
    (code >= 0x30a1 && code <= 0x30fa) ||
    (code >= 0x4e00 && code <= 0x9fff)
  );
}
