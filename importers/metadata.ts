// Suggestions for the import form: a person confirms or corrects each before saving, so
// these are guesses that should be right for ordinary documents, not a classifier.

import type { RecordKind } from "../knowledge/kinds";
import { findJapaneseDates, type FoundJapaneseDate } from "../search/wareki";
import type { ExtractedText } from "./types";
import { findMentionedEntries, type NamedEntry, type VocabularyEntry } from "./vocabulary";

export interface MetadataVocabulary {
  bodies: readonly VocabularyEntry[];
  departments: readonly VocabularyEntry[];
}

export interface MetadataSuggestion {
  /** Null when the document has no text to take one from. */
  title: string | null;
  kind: RecordKind;
  /** The first date in the document, taken as its date. */
  date: FoundJapaneseDate | null;
  dates: FoundJapaneseDate[];
  bodies: NamedEntry[];
  departments: NamedEntry[];
}

const MAX_TITLE_LENGTH = 100;
/** An opening line longer than this reads as a sentence, not a title. */
const SHORT_TITLE = 60;
/** How much of the opening text may decide the kind when the title does not. */
const OPENING_LENGTH = 300;

// Checked in this order, in the title and then the opening text; the first match wins.
const KIND_RULES: readonly { kind: RecordKind; pattern: RegExp }[] = [
  { kind: "minutes", pattern: /会議録|議事録|議事概要|議事要旨/u },
  { kind: "plan", pattern: /計画|プラン/u },
  { kind: "survey", pattern: /調査|アンケート/u },
  { kind: "measure", pattern: /事業|施策/u },
];
// Checked before the rules above: a text made of articles is a law whatever else its title
// says (a 計画策定条例 is still an ordinance).
const LAW_WORD = /条例|法律|法/u;
const FIRST_ARTICLE = /^第[1１一]条/mu;

export function suggestMetadata(doc: ExtractedText, vocabulary: MetadataVocabulary): MetadataSuggestion {
  const title = suggestTitle(doc);
  const dates = findJapaneseDates(doc.text);
  return {
    title,
    kind: guessKind(title ?? "", doc.text),
    date: dates[0] ?? null,
    dates,
    bodies: findMentionedEntries(doc.text, vocabulary.bodies),
    departments: findMentionedEntries(doc.text, vocabulary.departments),
  };
}

// Whatever comes first: a short opening line (the title on a cover page) or a heading.
// An opening sentence is a poor title, so a heading further down is preferred to it.
function suggestTitle(doc: ExtractedText): string | null {
  const firstLine = doc.text.split("\n").find(isTitleLike)?.trim();
  const heading = doc.sections.find((section) => section.heading)?.heading;
  const opening =
    firstLine && firstLine.length <= SHORT_TITLE && !firstLine.includes("。") ? firstLine : undefined;
  const candidate = doc.title ?? opening ?? heading ?? firstLine;
  if (!candidate) return null;
  return candidate.length > MAX_TITLE_LENGTH ? `${candidate.slice(0, MAX_TITLE_LENGTH - 1)}…` : candidate;
}

// A line that is only a date, a page number or a document number ("資料1") says nothing
// about the document.
function isTitleLike(line: string): boolean {
  let rest = line;
  for (const date of findJapaneseDates(line)) rest = rest.replace(date.text, "");
  rest = rest.replace(/資料|別紙|参考/gu, "").replace(/[\p{N}\p{P}\p{S}\s]/gu, "");
  return rest.length > 0;
}

export function guessKind(title: string, text: string): RecordKind {
  const opening = text.slice(0, OPENING_LENGTH);
  if (FIRST_ARTICLE.test(text) && (LAW_WORD.test(title) || LAW_WORD.test(opening))) return "law";
  for (const source of [title, opening]) {
    const rule = KIND_RULES.find(({ pattern }) => pattern.test(source));
    if (rule) return rule.kind;
  }
  return "material";
}
