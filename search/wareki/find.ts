// Scans running text (minutes, reports) for dates, so the import preview can suggest a
// document's date. It uses the same grammar as parseJapaneseDate, minus short separated
// forms such as "R4.6" that are too often something else in prose.

import { type ParseDateOptions, type ParsedJapaneseDate, resolveDateGroups } from "./date";
import { foldDateText } from "./normalize";
import { type DateGroups, FREE_TEXT_DATE_SOURCES } from "./patterns";

export interface FoundJapaneseDate extends ParsedJapaneseDate {
  /** UTF-16 offsets into the original text: text.slice(start, end) is the date as written. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Every date in the text, in order of appearance. Where candidates overlap the longest
 * wins; a candidate that is not a real date (6月31日, a wrong weekday) is left out.
 * Dates without a year (6月21日) are not reported: their year is a guess.
 */
export function findJapaneseDates(
  text: string,
  options: ParseDateOptions = {}
): FoundJapaneseDate[] {
  if (typeof text !== "string") return [];
  const folded = foldDateText(text);
  const candidates: FoundJapaneseDate[] = [];

  for (const source of FREE_TEXT_DATE_SOURCES) {
    for (const match of folded.text.matchAll(new RegExp(source, "gu"))) {
      const parsed = resolveDateGroups((match.groups ?? {}) as DateGroups, options);
      if (!parsed) continue;
      const start = folded.sourceIndex[match.index];
      const end = folded.sourceIndex[match.index + match[0].length];
      candidates.push({ ...parsed, start, end, text: text.slice(start, end) });
    }
  }

  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const found: FoundJapaneseDate[] = [];
  for (const candidate of candidates) {
    const previous = found[found.length - 1];
    if (!previous || candidate.start >= previous.end) found.push(candidate);
  }
  return found;
}
