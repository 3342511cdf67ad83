// The modern eras and the first day of each, as Gregorian dates.
//
// 明治 starts on 1868-01-01 here. Historically the era was proclaimed on 1868-10-23 and
// made retroactive to 慶応4年1月1日 (1868-01-25), but Japan kept the lunisolar calendar
// until 1873-01-01, so 明治 day and month numbers before 明治6年 are not Gregorian at all.
// We do not model that calendar: 明治元年 = 1868 (the legal convention), month and day
// are read as Gregorian, and the whole of 1868 counts as 明治 because no earlier era is in
// the table. Dates before 1873 are therefore approximate; later ones are exact.

import { type CivilDate, dayKey, isValidDay, isValidMonth, periodKeys } from "./calendar";

export type EraName = "明治" | "大正" | "昭和" | "平成" | "令和";
export type EraLetter = "M" | "T" | "S" | "H" | "R";

export interface Era {
  readonly name: EraName;
  /** The one-letter abbreviation used in forms and tables (R4.6.21). */
  readonly letter: EraLetter;
  /** First day of the era, ISO 8601. */
  readonly start: string;
  /** Gregorian year of 元年. */
  readonly firstYear: number;
  /** start as a sortable number (20190501) for boundary comparisons. */
  readonly startKey: number;
}

function era(name: EraName, letter: EraLetter, year: number, month: number, day: number): Era {
  const iso = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return { name, letter, start: iso, firstYear: year, startKey: dayKey(year, month, day) };
}

/** Oldest first. */
export const ERAS: readonly Era[] = [
  era("明治", "M", 1868, 1, 1),
  era("大正", "T", 1912, 7, 30),
  era("昭和", "S", 1926, 12, 25),
  era("平成", "H", 1989, 1, 8),
  era("令和", "R", 2019, 5, 1),
];

/** Finds an era by name or by letter in either case; null for anything else. */
export function findEra(token: string): Era | null {
  const upper = token.toUpperCase();
  return ERAS.find((e) => e.name === token || e.letter === upper) ?? null;
}

/** The era after this one, if it has ended. */
export function nextEra(current: Era): Era | null {
  return ERAS[ERAS.indexOf(current) + 1] ?? null;
}

/** The era in force on a day, given as a day key. */
export function eraOnDay(key: number): Era | null {
  let found: Era | null = null;
  for (const e of ERAS) if (e.startKey <= key) found = e;
  return found;
}

export interface EraYear {
  readonly era: EraName;
  readonly year: number;
}

/**
 * The era year of a Gregorian year, month or day. When month or day is left out the
 * period's last day decides, so a year shared by two eras takes the newer one:
 * toEraYear(2019) is 令和元年 and toEraYear(1989, 1) is 平成元年, the way people name the
 * year today. Null for invalid input or dates before 明治.
 */
export function toEraYear(year: number, month?: number, day?: number): EraYear | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return null;
  if (month !== undefined && !isValidMonth(month)) return null;
  if (day !== undefined && (month === undefined || !isValidDay(year, month, day))) return null;
  const date: CivilDate = { year, month, day };
  const current = eraOnDay(periodKeys(date).last);
  return current ? { era: current.name, year: year - current.firstYear + 1 } : null;
}
