// Fiscal years (年度, April to March) both ways. A fiscal year is named after the calendar
// year it starts in, and its era name follows toEraYear for that year: FY2019 began under
// 平成 but is 令和元年度, the name used in every document written since May 2019.

import { dayKey, parseIso } from "./calendar";
import { type Era, findEra, nextEra, toEraYear } from "./eras";
import type { ParseDateOptions } from "./date";
import { foldDateText } from "./normalize";
import { parseJapaneseNumber, toKanjiDigits, toKanjiNumber } from "./numerals";
import { ERA, KANJI_NUMERAL, SPACE } from "./patterns";

export interface ParsedFiscalYear {
  /** The first (or only) fiscal year, as the Gregorian year it starts in. */
  readonly fiscalYear: number;
  /** Equal to fiscalYear unless the input was a range such as 令和3年度～令和5年度. */
  readonly lastFiscalYear: number;
  /** April 1 of fiscalYear, ISO 8601. */
  readonly start: string;
  /** March 31 after lastFiscalYear, ISO 8601. */
  readonly end: string;
  /** Set when an era year counts past the era's end (平成32年度 = FY2020). */
  readonly pastEraEnd?: true;
}

const NUMBER = `元|[0-9]{1,4}|${KANJI_NUMERAL}{1,7}`;
// Each optional piece carries its own leading space, so no two space runs meet: adjacent
// `[ \t]*` runs make a failing match backtrack quadratically on long blank stretches.
const term = (n: number, suffix: string): string =>
  `(?:(?<era${n}>${ERA})${SPACE})?(?<num${n}>${NUMBER})${suffix}`;

/** 令和4年度, R4年度, 2022年度, 令和4年度（2022年度）. */
const SINGLE = new RegExp(
  `^${SPACE}${term(1, `${SPACE}年度`)}` +
    `(?:${SPACE}\\(${SPACE}${term(2, `(?:${SPACE}年度?)?`)}${SPACE}\\))?${SPACE}$`,
  "u"
);
/** 令和3年度～令和5年度, 令和3〜5年度, 令和3年度から5年度まで. */
const RANGE = new RegExp(
  `^${SPACE}${term(1, `(?:${SPACE}年度)?`)}${SPACE}(?:~|-|から)${SPACE}` +
    `${term(2, `${SPACE}年度`)}(?:${SPACE}まで)?${SPACE}$`,
  "u"
);

interface FiscalYearTerm {
  readonly fiscalYear: number;
  readonly era: Era | null;
  readonly pastEraEnd: boolean;
}

/** One side of the input; a number without an era takes `inherited` (令和3〜5年度). */
function resolveTerm(
  eraToken: string | undefined,
  numberText: string | undefined,
  inherited: Era | null
): FiscalYearTerm | null {
  if (numberText === undefined) return null;
  const value = numberText === "元" ? 1 : parseJapaneseNumber(numberText);
  if (value === null) return null;
  const era = eraToken !== undefined ? findEra(eraToken) : value < 1000 ? inherited : null;

  if (!era) {
    if (eraToken !== undefined || value < 1000 || value > 9999) return null;
    return { fiscalYear: value, era: null, pastEraEnd: false };
  }
  if (value < 1 || value > 999) return null; // 令和0年度
  const fiscalYear = era.firstYear + value - 1;
  const next = nextEra(era);
  // FY2019 (平成31年度) began under 平成 and is fine; FY2020 began after it ended.
  const pastEraEnd = next !== null && dayKey(fiscalYear, 4, 1) >= next.startKey;
  return { fiscalYear, era, pastEraEnd };
}

function span(
  first: FiscalYearTerm,
  last: FiscalYearTerm,
  options: ParseDateOptions
): ParsedFiscalYear | null {
  const pastEraEnd = first.pastEraEnd || last.pastEraEnd;
  if (pastEraEnd && options.allowPastEraEnd === false) return null;
  if (first.fiscalYear > last.fiscalYear) return null;
  const result: ParsedFiscalYear = {
    fiscalYear: first.fiscalYear,
    lastFiscalYear: last.fiscalYear,
    start: `${first.fiscalYear}-04-01`,
    end: `${last.fiscalYear + 1}-03-31`,
  };
  return pastEraEnd ? { ...result, pastEraEnd: true } : result;
}

/**
 * Reads a fiscal year (令和4年度, R4年度, ２０２２年度, 令和元年度) or a range of them
 * (令和3年度～令和5年度, 令和3〜5年度). Null for anything else; never throws.
 */
export function parseFiscalYear(
  input: string,
  options: ParseDateOptions = {}
): ParsedFiscalYear | null {
  if (typeof input !== "string") return null;
  const { text } = foldDateText(input);

  const single = SINGLE.exec(text)?.groups;
  if (single) {
    const main = resolveTerm(single.era1, single.num1, null);
    if (!main) return null;
    if (single.num2 === undefined) return span(main, main, options);
    // The bracketed form must name the same year: 令和4年度（2022年度）.
    const other = resolveTerm(single.era2, single.num2, null);
    return other && other.fiscalYear === main.fiscalYear ? span(main, main, options) : null;
  }

  const range = RANGE.exec(text)?.groups;
  if (!range) return null;
  const first = resolveTerm(range.era1, range.num1, null);
  if (!first) return null;
  const last = resolveTerm(range.era2, range.num2, first.era);
  return last ? span(first, last, options) : null;
}

/** The fiscal year a date or month falls in: 2023-03-31 → 2022, 2023-04-01 → 2023. */
export function fiscalYearOf(iso: string): number | null {
  const date = typeof iso === "string" ? parseIso(iso) : null;
  if (!date || date.month === undefined) return null;
  return date.month >= 4 ? date.year : date.year - 1;
}

export interface FormatFiscalYearOptions {
  /** Adds the Western year: 令和4年度（2022年度）. */
  readonly westernYear?: boolean;
  readonly numerals?: "arabic" | "kanji";
}

/** 2022 → 令和4年度, 2019 → 令和元年度. Null before 明治 or for a non-integer year. */
export function formatFiscalYear(
  fiscalYear: number,
  options: FormatFiscalYearOptions = {}
): string | null {
  const eraYear = toEraYear(fiscalYear);
  if (!eraYear) return null;
  const kanji = options.numerals === "kanji";
  const year =
    eraYear.year === 1 ? "元" : kanji ? toKanjiNumber(eraYear.year) : String(eraYear.year);
  const western = kanji ? toKanjiDigits(fiscalYear) : String(fiscalYear);
  return `${eraYear.era}${year}年度` + (options.westernYear ? `（${western}年度）` : "");
}

/** 2021, 2023 → 令和3年度～令和5年度; null when first comes after last. */
export function formatFiscalYearRange(
  first: number,
  last: number,
  options: FormatFiscalYearOptions = {}
): string | null {
  if (first > last) return null;
  const from = formatFiscalYear(first, options);
  const to = formatFiscalYear(last, options);
  return from && to ? `${from}～${to}` : null;
}
