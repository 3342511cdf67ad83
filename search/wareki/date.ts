// Era dates both ways: parseJapaneseDate reads what people write, formatJapaneseDate
// writes the form used in prefectural documents (令和4年6月21日).

import {
  type CivilDate,
  type DatePrecision,
  isFinerThan,
  isValidDay,
  isValidMonth,
  parseIso,
  periodKeys,
  precisionOf,
  toIso,
  weekdayOf,
} from "./calendar";
import { type Era, findEra, nextEra, toEraYear } from "./eras";
import { foldDateText } from "./normalize";
import { parseJapaneseNumber, toKanjiDigits, toKanjiNumber } from "./numerals";
import { type DateGroups, WHOLE_DATE_PATTERNS } from "./patterns";

export interface ParsedJapaneseDate {
  /** ISO 8601 at the precision written: "2022-06-21", "2022-06" or "2022". */
  readonly iso: string;
  readonly precision: DatePrecision;
  /** Set when the era had already ended (平成31年5月1日, 平成32年); see ParseDateOptions. */
  readonly pastEraEnd?: true;
}

export interface ParseDateOptions {
  /**
   * People kept writing 平成 after 2019-05-01, and plans drafted before then name targets
   * such as 平成32年度, so such dates are read as the Gregorian date they count to
   * (平成32年 = 2020) and flagged. Pass false to reject them instead.
   */
  readonly allowPastEraEnd?: boolean;
}

const WEEKDAYS = "日月火水木金土";

function readNumber(text: string | undefined): number | null | undefined {
  if (text === undefined) return undefined;
  return text === "元" ? 1 : parseJapaneseNumber(text);
}

/** The Gregorian year the groups name, checking an era year against a Western one. */
function readYear(groups: DateGroups): { year: number; era?: Era } | null {
  const western = readNumber(groups.wy);
  if (western === null) return null;
  if (groups.era === undefined) return western === undefined ? null : { year: western };

  const era = findEra(groups.era);
  const eraYear = readNumber(groups.ey);
  if (!era || eraYear == null || eraYear < 1) return null; // 令和0年
  const year = era.firstYear + eraYear - 1;
  if (western !== undefined && western !== year) return null; // 令和4年（2021年）
  return { year, era };
}

/** Turns matched groups into a date, or null when the date does not exist. */
export function resolveDateGroups(
  groups: DateGroups,
  options: ParseDateOptions = {}
): ParsedJapaneseDate | null {
  const read = readYear(groups);
  if (!read || read.year < 1000 || read.year > 9999) return null;
  const { year } = read;

  const month = readNumber(groups.m);
  const day = readNumber(groups.d);
  if (month === null || day === null) return null;
  if (month !== undefined && !isValidMonth(month)) return null;
  if (day !== undefined && (month === undefined || !isValidDay(year, month, day))) return null;
  if (groups.wd !== undefined) {
    // A weekday that disagrees means the date or the weekday is a typo; we cannot tell which.
    if (day === undefined || month === undefined) return null;
    if (WEEKDAYS[weekdayOf(year, month, day)] !== groups.wd) return null;
  }

  const date: CivilDate = { year, month, day };
  let pastEraEnd = false;
  const { era } = read;
  if (era) {
    const { first, last } = periodKeys(date);
    if (last < era.startKey) return null; // 令和元年4月: the era had not begun
    const next = nextEra(era);
    pastEraEnd = next !== null && first >= next.startKey;
    if (pastEraEnd && options.allowPastEraEnd === false) return null;
  }
  const parsed = { iso: toIso(date), precision: precisionOf(date) };
  return pastEraEnd ? { ...parsed, pastEraEnd: true } : parsed;
}

/**
 * Reads a string that is one date: 令和4年6月21日, 令和４年６月２１日, 令和元年5月1日,
 * 令和四年六月二十一日, R4.6.21, R4/6/21, 2022年6月21日, 2022-06-21, 2022/6/21, and the
 * month and year forms (令和4年6月, 令和4年). Null for anything else; never throws.
 */
export function parseJapaneseDate(
  input: string,
  options: ParseDateOptions = {}
): ParsedJapaneseDate | null {
  if (typeof input !== "string") return null;
  const { text } = foldDateText(input);
  for (const pattern of WHOLE_DATE_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return resolveDateGroups((match.groups ?? {}) as DateGroups, options);
  }
  return null;
}

export interface FormatDateOptions {
  /** Coarser than the ISO string's own precision to drop the day or month; never finer. */
  readonly precision?: DatePrecision;
  /** Adds the Western year: 令和4年（2022年）6月21日. */
  readonly westernYear?: boolean;
  /** Kanji numerals for vertical writing: 令和四年六月二十一日. */
  readonly numerals?: "arabic" | "kanji";
}

/**
 * Writes an ISO date ("2022-06-21", "2022-06" or "2022") as 令和4年6月21日, with 元年 for
 * the first year. Null for a malformed ISO string, a date before 明治, or a precision finer
 * than the input has.
 */
export function formatJapaneseDate(iso: string, options: FormatDateOptions = {}): string | null {
  const date = typeof iso === "string" ? parseIso(iso) : null;
  if (!date) return null;
  const precision = options.precision ?? precisionOf(date);
  if (isFinerThan(precision, precisionOf(date))) return null;

  const month = precision === "year" ? undefined : date.month;
  const day = precision === "day" ? date.day : undefined;
  const eraYear = toEraYear(date.year, month, day);
  if (!eraYear) return null;

  const kanji = options.numerals === "kanji";
  const number = (n: number): string => (kanji ? toKanjiNumber(n) : String(n));
  let out = `${eraYear.era}${eraYear.year === 1 ? "元" : number(eraYear.year)}年`;
  if (options.westernYear) out += `（${kanji ? toKanjiDigits(date.year) : date.year}年）`;
  if (month !== undefined) out += `${number(month)}月`;
  if (day !== undefined) out += `${number(day)}日`;
  return out;
}
