// Kanji ⇄ Arabic numbers as dates use them: positional (二十一, 二千二十二) and
// digit-by-digit (二〇二二, the usual way to write a Western year vertically).

const DIGITS = "〇一二三四五六七八九";
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Reads "21", "二十一", "二〇二二" or "二千二十二"; null when the text is not one number. */
export function parseJapaneseNumber(text: string): number | null {
  if (/^[0-9]+$/.test(text)) return Number(text);
  if (/^[〇一二三四五六七八九]+$/.test(text)) {
    return [...text].reduce((value, ch) => value * 10 + DIGITS.indexOf(ch), 0);
  }
  if (!/^[一二三四五六七八九十百千]+$/.test(text)) return null;

  let total = 0;
  let pending: number | null = null;
  let previousUnit = Infinity;
  for (const ch of text) {
    const unit = UNITS[ch];
    if (unit === undefined) {
      if (pending !== null) return null; // 二三十: two digits in a row in positional form
      pending = DIGITS.indexOf(ch);
      continue;
    }
    if (unit >= previousUnit) return null; // units must descend: 百二十, never 十百
    total += (pending ?? 1) * unit;
    pending = null;
    previousUnit = unit;
  }
  return total + (pending ?? 0);
}

/** 21 → "二十一", 2022 → "二千二十二"; for 0–9999, the range dates need. */
export function toKanjiNumber(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 9999) {
    throw new RangeError(`toKanjiNumber supports integers 0–9999, got ${value}`);
  }
  if (value === 0) return DIGITS[0];
  let out = "";
  for (const [unit, ch] of [
    [1000, "千"],
    [100, "百"],
    [10, "十"],
  ] as const) {
    const count = Math.floor(value / unit) % 10;
    if (count > 0) out += (count === 1 ? "" : DIGITS[count]) + ch;
  }
  const ones = value % 10;
  return ones > 0 ? out + DIGITS[ones] : out;
}

/** 2022 → "二〇二二". */
export function toKanjiDigits(value: number): string {
  return [...String(value)].map((ch) => DIGITS[Number(ch)]).join("");
}
