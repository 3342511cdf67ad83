import { formatNumeral, parseNumeral } from "./numeral";
import { assertPositiveInteger } from "./range-error";
import type { NumberingStyle } from "./style";

/**
 * A number with its branch numbers (枝番号): [2] is 第2条, [2, 2] is 第2条の2 and
 * [2, 2, 3] is 第2条の2の3. Never empty; every part is a positive integer.
 */
export type ProvisionNumber = readonly number[];

export function isProvisionNumber(value: unknown): value is ProvisionNumber {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((part) => typeof part === "number" && Number.isSafeInteger(part) && part >= 1)
  );
}

function assertProvisionNumber(value: ProvisionNumber): void {
  if (value.length === 0) throw new RangeError("番号が空です。条や号の番号を指定してください。");
  for (const part of value) assertPositiveInteger(part, "番号");
}

/**
 * Document order: 2 < 2の2 < 2の10 < 3. Parts compare as numbers, and a number sorts
 * before its own branches because 第2条の2 is inserted after 第2条.
 */
export function compareProvisionNumbers(a: ProvisionNumber, b: ProvisionNumber): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function provisionNumbersEqual(a: ProvisionNumber, b: ProvisionNumber): boolean {
  return compareProvisionNumbers(a, b) === 0;
}

/** [2, 2] → "2_2", the e-Gov Num attribute. */
export function toNumAttribute(value: ProvisionNumber): string {
  assertProvisionNumber(value);
  return value.join("_");
}

/**
 * "2_2" → [2, 2]. Ranges such as "1:25" (e-Gov's 一から二十五まで) and anything else that is
 * not a single number give null.
 */
export function parseNumAttribute(text: string): ProvisionNumber | null {
  if (!/^[1-9][0-9]*(?:_[1-9][0-9]*)*$/.test(text)) return null;
  const parts = text.split("_").map(Number);
  return parts.every(Number.isSafeInteger) ? parts : null;
}

/** [2, 2] → "2の2" (horizontal) or "二の二" (vertical), without 第 or a counter. */
export function formatProvisionNumber(value: ProvisionNumber, style: NumberingStyle): string {
  assertProvisionNumber(value);
  return value.map((part) => formatNumeral(part, style)).join("の");
}

/**
 * "第" + number + counter + branches: ("条", [2, 2]) → "第2条の2", ("号", [1]) → "第1号".
 * Statutes put branch numbers after the counter, whatever the unit.
 */
export function formatCountedNumber(counter: string, value: ProvisionNumber, style: NumberingStyle): string {
  assertProvisionNumber(value);
  const [main, ...branches] = value;
  return `第${formatNumeral(main, style)}${counter}` + branches.map((b) => `の${formatNumeral(b, style)}`).join("");
}

/** A parsed number with the style its numerals imply. */
export interface ParsedProvisionNumber {
  readonly number: ProvisionNumber;
  readonly style: NumberingStyle;
}

/**
 * "2の2", "１２の２" → horizontal; "二の二" → vertical. Mixing Arabic and kanji numerals
 * ("2の二") gives null: no draft writes a number that way, so it is more likely a typo.
 */
export function parseProvisionNumber(text: string): ParsedProvisionNumber | null {
  const parsed = text.split("の").map(parseNumeral);
  const first = parsed[0];
  if (!first) return null;
  const number: number[] = [];
  for (const part of parsed) {
    if (part === null || part.style !== first.style) return null;
    number.push(part.value);
  }
  return { number, style: first.style };
}
