// Document import: from an uploaded file to cleaned text, sections and suggested
// metadata. No database access here; the import route saves what a person confirms.

export { cleanInline, cleanJapaneseText } from "./clean-text";
export { detectFormat } from "./detect";
export { extractDocument } from "./extract";
export { headingLevel } from "./headings";
export { foldIdeographs } from "./ideographs";
export { guessKind, suggestMetadata, type MetadataSuggestion, type MetadataVocabulary } from "./metadata";
export {
  DEFAULT_IMPORT_LIMITS,
  type ExtractedDocument,
  type ExtractedLawXml,
  type ExtractedText,
  type ImportFormat,
  type ImportInput,
  type ImportLimits,
  type Section,
  type TextFormat,
} from "./types";
export type { NamedEntry, VocabularyEntry } from "./vocabulary";
