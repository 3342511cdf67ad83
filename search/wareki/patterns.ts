// The date grammar, written once as regular-expression sources so that parsing a whole
// string and scanning free text accept exactly the same forms. Every pattern runs on
// text already folded by foldDateText (half-width digits and letters, "~" for ranges).
// Group names are shared by all patterns: era, ey (era year), wy (Western year),
// m, d, wd (weekday). Optional pieces carry their own leading space so that no two
// space runs meet, which would make failing matches backtrack quadratically.

export const SPACE = "[ \\t]*";
export const ERA = "明治|大正|昭和|平成|令和|[MTSHRmtshr]";
export const KANJI_NUMERAL = "[〇一二三四五六七八九十百千]";
export const ERA_YEAR = `元|[0-9]{1,3}|${KANJI_NUMERAL}{1,4}`;
export const WESTERN_YEAR = `[0-9]{4}|${KANJI_NUMERAL}{2,7}`;
const MONTH_OR_DAY = `[0-9]{1,2}|${KANJI_NUMERAL}{1,3}`;

// A letter era must not be the tail of a word (ABR4.6.21) or of a number.
const ERA_START = "(?<![A-Za-z0-9])";
const WESTERN_START = "(?<![0-9〇一二三四五六七八九十百千])";

// （火）, (火曜日), （月・祝）: minutes nearly always give the weekday after the date.
const WEEKDAY =
  `(?:${SPACE}\\(${SPACE}(?<wd>[日月火水木金土])(?:曜日?)?` +
  `(?:${SPACE}[・,、]${SPACE}(?:祝|休)日?)?${SPACE}\\))?`;

/** The optional 6月21日 after a year. */
const MONTH_DAY_KANJI =
  `(?:${SPACE}(?<m>${MONTH_OR_DAY})${SPACE}月` + `(?:${SPACE}(?<d>${MONTH_OR_DAY})${SPACE}日)?)?`;

// In both kanji forms 年 must not begin 年度: 令和4年度 is a fiscal year, not 令和4年.

/** 令和4年6月21日, 令和元年5月, R4年, 令和4年（2022年）6月21日. */
const ERA_FIRST =
  `${ERA_START}(?<era>${ERA})${SPACE}(?<ey>${ERA_YEAR})${SPACE}年(?!度)` +
  `(?:${SPACE}\\(${SPACE}(?<wy>${WESTERN_YEAR})(?:${SPACE}年)?${SPACE}\\))?` +
  MONTH_DAY_KANJI +
  WEEKDAY;

/** 2022年6月21日, 二〇二二年, 2022年（令和4年）6月. */
const WESTERN_FIRST =
  `${WESTERN_START}(?<wy>${WESTERN_YEAR})${SPACE}年(?!度)` +
  `(?:${SPACE}\\(${SPACE}(?<era>${ERA})${SPACE}(?<ey>${ERA_YEAR})(?:${SPACE}年)?${SPACE}\\))?` +
  MONTH_DAY_KANJI +
  WEEKDAY;

// Free text is full of things like "S1.2" (a figure) or "2022-12" (a code), so a scan
// only accepts separated forms that go down to the day.
function separated(yearPart: string, dayRequired: boolean): string {
  const day = `\\k<sep>(?<d>[0-9]{1,2})`;
  return (
    `${yearPart}(?<sep>[./-])(?<m>[0-9]{1,2})` +
    (dayRequired ? day : `(?:${day})?`) +
    `(?![0-9])${WEEKDAY}`
  );
}

const ERA_SEPARATED = `${ERA_START}(?<era>${ERA})${SPACE}(?<ey>元|[0-9]{1,3})`;
const WESTERN_SEPARATED = `(?<![0-9])(?<wy>[0-9]{4})`;

/** Patterns for a string that is nothing but a date. */
export const WHOLE_DATE_PATTERNS: readonly RegExp[] = [
  ERA_FIRST,
  WESTERN_FIRST,
  separated(ERA_SEPARATED, false),
  separated(WESTERN_SEPARATED, false),
].map((source) => new RegExp(`^${SPACE}(?:${source})${SPACE}$`, "u"));

/** Sources for scanning running text; compile with the g flag per scan. */
export const FREE_TEXT_DATE_SOURCES: readonly string[] = [
  ERA_FIRST,
  WESTERN_FIRST,
  separated(ERA_SEPARATED, true),
  separated(WESTERN_SEPARATED, true),
];

export type DateGroups = Partial<Record<"era" | "ey" | "wy" | "m" | "d" | "wd", string>>;
