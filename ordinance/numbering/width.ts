// Full-width ASCII forms (U+FF01–U+FF5E) sit at a fixed offset from ASCII (U+0021–U+007E).
const FULL_WIDTH_OFFSET = 0xfee0;

/** Turns full-width digits, Latin letters and punctuation into their ASCII forms. */
export function toHalfWidthAscii(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET));
}

/** Turns printable ASCII (digits, letters, parentheses …) into full-width forms. */
export function toFullWidthAscii(text: string): string {
  return text.replace(/[\u0021-\u007e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET));
}

/**
 * 12 → "１２". A string keeps its non-digit characters ("2の2" → "２の２").
 * Numbers must be non-negative integers: a minus sign or a decimal point has no
 * full-width digit form in a provision label.
 */
export function toFullWidthDigits(value: number | string): string {
  if (typeof value === "number" && (!Number.isSafeInteger(value) || value < 0)) {
    throw new RangeError(`全角数字にできるのは0以上の整数だけです（指定された値: ${String(value)}）。`);
  }
  return String(value).replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET));
}

/**
 * "12", "１２" (or a mix of widths) → 12. Returns null for anything else, for zero and for
 * leading zeros: provision numbers start at 1 and are never zero-padded.
 */
export function parseArabicNumber(text: string): number | null {
  const ascii = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET));
  if (!/^[1-9][0-9]*$/.test(ascii)) return null;
  const value = Number(ascii);
  return Number.isSafeInteger(value) ? value : null;
}
