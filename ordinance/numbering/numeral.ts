import { parseKanjiNumber, toKanjiNumber } from "./kanji-number";
import type { NumberingStyle } from "./style";
import { parseArabicNumber } from "./width";
import { assertPositiveInteger } from "./range-error";

/** A number as it stands inside 第…条, 第…項, 第…号: 3 (horizontal) or 三 (vertical). */
export function formatNumeral(value: number, style: NumberingStyle): string {
  assertPositiveInteger(value, "番号");
  return style === "vertical" ? toKanjiNumber(value) : String(value);
}

/** A parsed numeral, with the style its writing implies: Arabic → horizontal, kanji → vertical. */
export interface ParsedNumeral {
  readonly value: number;
  readonly style: NumberingStyle;
}

/** "3", "３" → horizontal 3; "三", "二〇" → vertical; null for anything else. */
export function parseNumeral(text: string): ParsedNumeral | null {
  const arabic = parseArabicNumber(text);
  if (arabic !== null) return { value: arabic, style: "horizontal" };
  const kanji = parseKanjiNumber(text);
  if (kanji !== null) return { value: kanji, style: "vertical" };
  return null;
}
