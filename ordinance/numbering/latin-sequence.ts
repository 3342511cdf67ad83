import { assertPositiveInteger, outOfSequence } from "./range-error";

const ROMAN_STEPS: ReadonlyArray<readonly [number, string]> = [
  [1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"],
  [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"],
];
const MAX_ROMAN = 3999;

/** 1 → "i", 4 → "iv", 14 → "xiv". Lower case, as e-Gov's （ｉ） subitems; 1–3999 only. */
export function toRomanNumeral(value: number): string {
  assertPositiveInteger(value, "ローマ数字にする数");
  if (value > MAX_ROMAN) throw outOfSequence("ローマ数字", MAX_ROMAN, value);
  let rest = value;
  let text = "";
  for (const [size, mark] of ROMAN_STEPS) {
    for (; rest >= size; rest -= size) text += mark;
  }
  return text;
}

/**
 * "iv" → 4. Only the canonical lower-case form is accepted ("iiii", "IV" give null), so
 * each label has exactly one spelling. Callers fold full-width letters beforehand.
 */
export function parseRomanNumeral(text: string): number | null {
  if (!/^[mdclxvi]+$/.test(text)) return null;
  const values: Record<string, number> = { m: 1000, d: 500, c: 100, l: 50, x: 10, v: 5, i: 1 };
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = values[text[i]];
    const next = i + 1 < text.length ? values[text[i + 1]] : 0;
    total += value < next ? -value : value;
  }
  if (total < 1 || total > MAX_ROMAN) return null;
  return toRomanNumeral(total) === text ? total : null;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** 1 → "a" … 26 → "z"; past z it throws a RangeError, like the kana sequences. */
export function toLatinLetter(index: number): string {
  assertPositiveInteger(index, "アルファベットの記号");
  if (index > LETTERS.length) throw outOfSequence("アルファベットの記号", LETTERS.length, index);
  return LETTERS[index - 1];
}

/** "a" → 1; null for anything but one lower-case ASCII letter. */
export function parseLatinLetter(text: string): number | null {
  if (text.length !== 1) return null;
  const at = LETTERS.indexOf(text);
  return at === -1 ? null : at + 1;
}
