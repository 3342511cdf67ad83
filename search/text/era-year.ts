// Era years for search: 令和4年, 2022年 and R4 should find each other. Only years (年, 年度)
// are handled here; full date parsing lives elsewhere. Input is normalized text (ASCII
// digits, lower case), output are extra terms carrying the span of the text they came from.

import { ERAS as CALENDAR_ERAS } from "../wareki/eras";
import type { Token } from "./token";

/** An era as search needs it: spellings and the span of Gregorian years it covers. */
export interface SearchEra {
  readonly name: string;
  /** Lower-case initial used in short forms such as R4 and H31. */
  readonly initial: string;
  /** Gregorian year of 元年 (year 1). */
  readonly firstYear: number;
  /** Last year of the era; an open era runs on. */
  readonly lastYear: number;
}

/**
 * Derived from the calendar's era table (one source of truth), newest first, so a
 * boundary year (2019 = 平成31年 = 令和元年) lists the new era first.
 */
export const SEARCH_ERAS: readonly SearchEra[] = [...CALENDAR_ERAS].reverse().map((era, i, newestFirst) => ({
  name: era.name,
  initial: era.letter.toLowerCase(),
  firstYear: era.firstYear,
  lastYear: i === 0 ? Number.POSITIVE_INFINITY : newestFirst[i - 1]!.firstYear,
}));

// Gregorian years we translate; later years are more likely amounts than dates.
const LAST_GREGORIAN = 2099;
const KANJI_YEAR = "[一二三四五六七八九十]{1,3}";

const ERA_YEAR = new RegExp(`(明治|大正|昭和|平成|令和) ?(元|\\d{1,2}|${KANJI_YEAR}) ?年(度)?`, "gu");
const GREGORIAN_YEAR = /(?<!\d)(\d{4}) ?年(度)?/gu;
// R4, h31年度, s56年, r元年. Without 年 the short form must stand alone (not h2o, not r4b),
// and only R and H count: a bare M1 or S2 is a model number far more often than a year.
const BARE_SHORT_INITIALS = new Set(["r", "h"]);
const SHORT_ERA_YEAR = /(?<![\p{L}\p{N}])([mtshr])(元|\d{1,2})(?:(年)(度)?|(?![\p{L}\p{N}]))/gu;

/**
 * Extra terms for the era years in `text`: 令和4年 → 2022年; 2022年度 → 令和4年度;
 * r4 → 令和4年 and 2022年; 2019年 → 令和元年, 令和1年, 平成31年. Each term spans the
 * text it came from. Terms equal to their source are left out.
 */
export function eraYearVariants(text: string): Token[] {
  const tokens: Token[] = [];
  const add = (start: number, end: number, terms: string[]) => {
    const source = text.slice(start, end).replace(/ /gu, "");
    for (const term of new Set(terms)) if (term !== source) tokens.push({ text: term, start, end });
  };
  for (const m of text.matchAll(ERA_YEAR)) {
    const era = SEARCH_ERAS.find((e) => e.name === m[1]);
    const year = parseEraYearNumber(m[2]);
    if (era === undefined || year === undefined) continue;
    add(m.index, m.index + m[0].length, termsForGregorian(era.firstYear + year - 1, m[3] ?? "", era, year));
  }
  for (const m of text.matchAll(GREGORIAN_YEAR)) {
    const gregorian = Number(m[1]);
    if (gregorian < SEARCH_ERAS[SEARCH_ERAS.length - 1]!.firstYear || gregorian > LAST_GREGORIAN) continue;
    add(m.index, m.index + m[0].length, termsForGregorian(gregorian, m[2] ?? ""));
  }
  for (const m of text.matchAll(SHORT_ERA_YEAR)) {
    const era = SEARCH_ERAS.find((e) => e.initial === m[1]);
    const year = parseEraYearNumber(m[2]);
    if (era === undefined || year === undefined) continue;
    if (m[3] === undefined && !BARE_SHORT_INITIALS.has(m[1])) continue;
    add(m.index, m.index + m[0].length, termsForGregorian(era.firstYear + year - 1, m[4] ?? "", era, year));
  }
  return tokens.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Every spelling of one year: Gregorian, each era containing it, 元 and 1 for first years.
 * `sourceEra` keeps a year written past its era's end (平成32年度, common in plans written
 * before 2019) spelt as written, besides the era that really covers it.
 */
function termsForGregorian(gregorian: number, suffix: string, sourceEra?: SearchEra, sourceYear?: number): string[] {
  const terms = [`${gregorian}年${suffix}`];
  if (sourceEra !== undefined && sourceYear !== undefined) terms.push(...eraSpellings(sourceEra, sourceYear, suffix));
  for (const era of SEARCH_ERAS) {
    if (gregorian < era.firstYear || gregorian > era.lastYear) continue;
    terms.push(...eraSpellings(era, gregorian - era.firstYear + 1, suffix));
  }
  return terms;
}

function eraSpellings(era: SearchEra, year: number, suffix: string): string[] {
  const spelt = [`${era.name}${year}年${suffix}`];
  if (year === 1) spelt.unshift(`${era.name}元年${suffix}`);
  return spelt;
}

const KANJI_DIGITS = "一二三四五六七八九";

/** 元, 1–99 in ASCII digits, or kanji numerals up to 九十九. Anything else is no year. */
export function parseEraYearNumber(written: string): number | undefined {
  if (written === "元") return 1;
  if (/^\d{1,2}$/u.test(written)) return Number(written) >= 1 ? Number(written) : undefined;
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/u.exec(written);
  if (match === null || written === "") return undefined;
  const [, tensDigit, ten, onesDigit] = match;
  if (ten === undefined) {
    // Without 十 only a single digit is valid (二二 is not a year).
    return tensDigit !== undefined && onesDigit === undefined ? KANJI_DIGITS.indexOf(tensDigit) + 1 : undefined;
  }
  const tens = tensDigit === undefined ? 1 : KANJI_DIGITS.indexOf(tensDigit) + 1;
  const ones = onesDigit === undefined ? 0 : KANJI_DIGITS.indexOf(onesDigit) + 1;
  return tens * 10 + ones;
}
