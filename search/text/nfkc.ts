// NFKC, applied piece by piece so each output character knows its source.
// A piece is a base character with the marks that may combine with it: ﾊﾟ (two half-width
// characters) becomes パ, and か + U+3099 becomes が, only if they are normalized together.

// Combining marks, the half-width voiced marks ﾞﾟ and the spacing marks ゛゜ all attach to
// the character before them.
const ATTACHING = /^[\p{M}\uFF9E\uFF9F\u309B\u309C]$/u;

// NFKC turns the spacing marks ゛゜ into a space plus a combining mark, which never joins
// the kana before it. Their combining forms do.
const SPACING_TO_COMBINING: Record<string, string> = { "\u309B": "\u3099", "\u309C": "\u309A" };

/** NFKC of one piece. */
export function nfkcPiece(piece: string): string {
  if (piece.length === 1 && isNfkcStable(piece.charCodeAt(0))) return piece;
  return piece.replace(/[\u309B\u309C]/gu, (mark) => SPACING_TO_COMBINING[mark]!).normalize("NFKC");
}

/** The end (exclusive) of the piece starting at `start`. Marks at the very start, with nothing to attach to, form a piece of their own. */
export function pieceEnd(text: string, start: number): number {
  const n = text.length;
  let end = start + codePointLength(text, start);
  // A leading run of marks is one piece; otherwise a character takes the marks after it.
  if (isAttachingAt(text, start)) while (end < n && isAttachingAt(text, end)) end += codePointLength(text, end);
  while (end < n && isAttachingAt(text, end)) end += codePointLength(text, end);
  return end;
}

/** True for a code unit that is a whole character and never attaches to the one before (ASCII to U+02FF, kana, kanji). */
export function isPlain(code: number): boolean {
  return code < 0x300 || isNfkcStable(code);
}

function codePointLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0xd800 || code > 0xdbff) return 1;
  const next = text.charCodeAt(at + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

function isAttachingAt(text: string, at: number): boolean {
  // Most text is ASCII, kana and kanji, none of which attach: skip the regular expression.
  if (isPlain(text.charCodeAt(at))) return false;
  return ATTACHING.test(String.fromCodePoint(text.codePointAt(at)!));
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
