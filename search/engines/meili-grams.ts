import { textGrams, type Gram, type TermPattern } from "../grams";
import { normalizeForSearch } from "../text";
import { SEARCH_ERAS, type SearchEra } from "../text/era-year";

// Our grams (search/grams.ts) as Meilisearch words, so that its phrase search matches what
// the Postgres engine's tsquery phrases match.
//
// - Tokens are spelled in ASCII. Meilisearch would otherwise cut our bigrams again with its
//   own Japanese segmenter, and phrases of re-cut bigrams both miss and over-match (33 of
//   388 sampled phrases disagreed with the gram semantics; none once spelled in ASCII).
// - `grams` holds one token per position. textGrams also gives a run's last character at
//   the position of its last bigram; Meilisearch cannot stack two words on one position
//   (inline, they would break phrases across a 、 or ・, e.g. 孤独・孤立), so what those
//   characters are for is kept in `marks`, a bag of marked words:
//   - a lone CJK character query is a prefix in Postgres ('県':* = some gram starts with
//     県); Meilisearch expands only the last query word, so `marks` lists the first
//     character of every gram and the query asks for that exact word;
//   - a phrase may start with a run's last character (法第2条 for 第2条): `marks` lists
//     "character, then the next gram" pairs, and the query asks for the pair plus the rest;
//   - a year is one word whatever its spelling (addYearMarks below): 平成30年 and 2018年 are
//     searched together, and one word each saves Meilisearch a query per spelling.

/** Meilisearch reads at most this many words of a query (a phrase is one) and drops the rest. */
export const MAX_QUERY_WORDS = 10;

// As in search/grams.ts: the characters indexed by bigrams.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]/u;

// Letters a–w, y, z and digits stand for themselves; any other code point is "x" and four
// base-36 digits. A prefix code, so distinct grams never share a spelling.
function encodeUncached(text: string): string {
  let out = "";
  for (const ch of text) out += /^[a-wyz0-9]$/.test(ch) ? ch : `x${ch.codePointAt(0)!.toString(36).padStart(4, "0")}`;
  return out;
}

// Spellings are memoised: indexing spells the same few thousand grams over and over (a
// third of the time it took to prepare a chunk). Bounded, for long-running servers.
const spelled = new Map<string, string>();
const MAX_SPELLED = 200_000;
function encode(text: string): string {
  let out = spelled.get(text);
  if (out === undefined) {
    if (spelled.size >= MAX_SPELLED) spelled.clear();
    spelled.set(text, (out = encodeUncached(text)));
  }
  return out;
}

const firstChar = (token: string) => String.fromCodePoint(token.codePointAt(0)!);

// "x" + zzzz / zzzy / zzzx are past the last code point: no gram is spelled with them.
const FIRST_CHAR = "xzzzz";
const THEN = "xzzzy";
/** "gram, then a gram starting with this character": a phrase ending in a prefix (第2条 in 第2条第1項). */
const THEN_STARTING = "xzzzx";
/** "this year, in any spelling": then the Western year and the suffix (年 or 年度). */
const YEAR = "xzzzw";

const isLoneCjk = (token: string) => (token.length === 1 || (token.length === 2 && token.codePointAt(0)! > 0xffff)) && CJK.test(token);

/**
 * The `grams` and `marks` of a text, and the normalized text they were made from. Marks are a
 * bag of words (a caller that keeps them as array items spares Meilisearch their proximities).
 */
export function gramFields(text: string): { grams: string; marks: string[]; normalized: string } {
  const normalized = normalizeForSearch(text).text;
  const grams: Gram[] = textGrams(normalized);
  const inline: string[] = [];
  const marks = new Set<string>();
  for (let i = 0; i < grams.length; i++) {
    const g = grams[i]!;
    const spelling = encode(g.token);
    if (i === 0 || grams[i - 1]!.position !== g.position) inline.push(spelling);
    marks.add(FIRST_CHAR + encode(firstChar(g.token)));
    // Positions are consecutive, and grams are in order: the next position's grams follow.
    let end = i + 1;
    while (end < grams.length && grams[end]!.position <= g.position + 1) end++;
    for (let j = i + 1; j < end; j++) {
      if (grams[j]!.position === g.position + 1) marks.add(spelling + THEN_STARTING + encode(firstChar(grams[j]!.token)));
    }
    if (!isLoneCjk(g.token)) continue;
    for (let j = i + 1; j < end; j++) {
      if (grams[j]!.position === g.position + 1) marks.add(spelling + THEN + encode(grams[j]!.token));
    }
  }
  // Every year ends in 年 (年度 too): most chunks have none, and skip the search for them.
  if (normalized.includes("年")) addYearMarks(grams, marks);
  return { grams: inline.join(" "), marks: [...marks], normalized };
}

// Years. The query 平成30年 is also 2018年, and each spelling was a query of its own (and
// 令和元年 four). A text's years are therefore marked by the Western year and the suffix
// they are followed by. The mark of a year stands for exactly the patterns yearSpellings lists
// (the spellings era-year.ts gives the query, as grams), so a clause holding every one of them
// can ask for the mark instead, with the same result:
// - 年: [2018, 年…], [平成, 30, 年…] for each era that has the year, [令和, 和元, 元年] for a
//   first year (a prefix 年… is any gram starting with 年: 年度, 年間);
// - 年度: [2018, 年度], [平成, 30, 年度], [令和, 和元, 元年, 年度].
// An era year past its era's end (平成32年, written before 2019) is not 2020年 to a search for
// 2020年, so it gets no mark; nor do digits written otherwise (平成05年, 平成三十年).

type YearSuffix = "年" | "年度";
const ERA_NAMED = new Map(SEARCH_ERAS.map((era) => [era.name, era]));
const GREGORIAN = /^[1-9]\d{3}$/;
const ERA_YEAR_NUMBER = /^[1-9]\d?$/;

const yearMark = (year: number, suffix: YearSuffix) => YEAR + encode(String(year)) + encode(suffix);
const hasYear = (era: SearchEra, year: number) => year >= era.firstYear && year <= era.lastYear;
/** 元 as the second gram of 令和元年: 和元. */
const firstYearGram = (era: SearchEra) => `${era.name[1]}元`;

function addYearMarks(grams: Gram[], marks: Set<string>) {
  // The tokens at each position (from 1): a bigram, and a run's last character beside it.
  const atPosition: string[][] = [];
  for (const g of grams) (atPosition[g.position - 1] ??= []).push(g.token);
  const followedBy = (year: number, next: string[] | undefined) => {
    if (next?.some((token) => token.startsWith("年"))) marks.add(yearMark(year, "年"));
    if (next?.includes("年度")) marks.add(yearMark(year, "年度"));
  };
  atPosition.forEach((tokens, p) => {
    for (const token of tokens) {
      if (GREGORIAN.test(token)) followedBy(Number(token), atPosition[p + 1]);
      const era = ERA_NAMED.get(token);
      if (era === undefined) continue;
      for (const second of atPosition[p + 1] ?? []) {
        const year = ERA_YEAR_NUMBER.test(second) ? era.firstYear + Number(second) - 1 : NaN;
        if (hasYear(era, year)) followedBy(year, atPosition[p + 2]);
        if (second === firstYearGram(era) && atPosition[p + 2]?.includes("元年")) {
          marks.add(yearMark(era.firstYear, "年"));
          if (atPosition[p + 3]?.includes("年度")) marks.add(yearMark(era.firstYear, "年度"));
        }
      }
    }
  });
}

const patternKey = (pattern: TermPattern) => `${pattern.tokens.join(" ")}${pattern.prefix ? "…" : ""}`;

/** The patterns a year's mark stands for, as patternKey gives them. */
function yearSpellings(year: number, suffix: YearSuffix): string[] {
  const spelt = (tokens: string[]) =>
    suffix === "年" ? patternKey({ tokens: [...tokens, "年"], prefix: true }) : patternKey({ tokens: [...tokens, "年度"], prefix: false });
  const keys = [spelt([String(year)])];
  for (const era of SEARCH_ERAS) {
    if (!hasYear(era, year)) continue;
    keys.push(spelt([era.name, String(year - era.firstYear + 1)]));
    const firstYear = [era.name, firstYearGram(era), "元年"];
    if (year === era.firstYear) keys.push(suffix === "年" ? patternKey({ tokens: firstYear, prefix: false }) : spelt(firstYear));
  }
  return keys;
}

/** The year a pattern may spell (2018 for 平成30年度), to check against yearSpellings. */
function yearOf(pattern: TermPattern): { year: number; suffix: YearSuffix } | undefined {
  const [first, second] = pattern.tokens;
  const suffix: YearSuffix = pattern.tokens[pattern.tokens.length - 1] === "年度" ? "年度" : "年";
  if (GREGORIAN.test(first!)) return { year: Number(first), suffix };
  const era = ERA_NAMED.get(first!);
  if (era === undefined || second === undefined) return undefined;
  if (second === firstYearGram(era)) return { year: era.firstYear, suffix };
  return ERA_YEAR_NUMBER.test(second) ? { year: era.firstYear + Number(second) - 1, suffix } : undefined;
}

/**
 * One clause's alternatives as Meilisearch words, each alternative's words all required: every
 * spelling of a year the clause holds becomes the year's mark, in place of its first spelling.
 */
export function alternativesOf(anyOf: TermPattern[]): string[][] {
  const present = new Set(anyOf.map(patternKey));
  const byMark = new Map<string, string>();
  for (const pattern of anyOf) {
    const year = yearOf(pattern);
    if (year === undefined) continue;
    const spellings = yearSpellings(year.year, year.suffix);
    if (!spellings.every((key) => present.has(key))) continue;
    const mark = `"${yearMark(year.year, year.suffix)}"`;
    for (const key of spellings) if (!byMark.has(key)) byMark.set(key, mark);
  }
  const alternatives: string[][] = [];
  const placed = new Set<string>();
  for (const pattern of anyOf) {
    const mark = byMark.get(patternKey(pattern));
    if (mark === undefined) alternatives.push(wordsOf(pattern));
    else if (!placed.has(mark)) {
      placed.add(mark);
      alternatives.push([mark]);
    }
  }
  return alternatives;
}

/**
 * A query pattern as Meilisearch words, all required. Exact but for one case: a phrase of
 * three or more grams starting with a lone CJK character becomes the pair and the rest,
 * which could in principle match at two different places of one chunk.
 */
export function wordsOf(pattern: TermPattern): string[] {
  const [first, ...rest] = pattern.tokens;
  if (pattern.prefix && !rest.length) return [`"${FIRST_CHAR}${encode(first!)}"`];
  if (pattern.prefix) {
    // The phrase without its last character, and a mark that the phrase's last gram is
    // followed by a gram starting with that character (the same two-place caveat as below).
    // A phrase of one gram is in the mark itself, which alone is then exact (2021年: 2021, then 年…).
    const head = pattern.tokens.slice(0, -1);
    const tail = pattern.tokens[pattern.tokens.length - 1]!;
    const mark = `"${encode(head[head.length - 1]!)}${THEN_STARTING}${encode(tail)}"`;
    return head.length === 1 ? [mark] : [...wordsOf({ tokens: head, prefix: false }), mark];
  }
  if (rest.length && isLoneCjk(first!)) {
    const pair = `"${encode(first!)}${THEN}${encode(rest[0]!)}"`;
    return rest.length > 1 ? [pair, `"${rest.map(encode).join(" ")}"`] : [pair];
  }
  return [`"${pattern.tokens.map(encode).join(" ")}"`];
}
