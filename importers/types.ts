// Shapes shared by every importer. Nothing here touches the database: the import route
// shows an ExtractedDocument as a preview and saves only what a person confirms.

/** Formats whose text we extract ourselves. */
export type TextFormat = "pdf" | "docx" | "text" | "markdown";

/** Every format we accept; e-Gov law XML is only recognised and handed on. */
export type ImportFormat = TextFormat | "egov-xml";

export interface Section {
  /** Absent for text that comes before the first heading. */
  heading?: string;
  /** 1 is the top level found in this document; 0 for text before any heading. */
  level: number;
  text: string;
}

export interface ExtractedText {
  format: TextFormat;
  /** The title the file itself declares (PDF metadata, Word "Title" style, Markdown "# "). */
  title?: string;
  sections: Section[];
  /** The whole cleaned text, headings included, as stored for search. */
  text: string;
  /** Things a person should know before saving, in Japanese. */
  warnings: string[];
}

/** e-Gov 法令標準XML, passed through untouched for the law parser. */
export interface ExtractedLawXml {
  format: "egov-xml";
  xml: string;
  warnings: string[];
}

export type ExtractedDocument = ExtractedText | ExtractedLawXml;

export interface ImportInput {
  fileName: string;
  bytes: Uint8Array;
}

export interface ImportLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest total a DOCX may expand to, counted while inflating. */
  maxUnzippedBytes: number;
  /** Largest inflated-to-compressed ratio of one DOCX entry. */
  maxCompressionRatio: number;
  maxZipEntries: number;
}

const MB = 1024 * 1024;

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxFileBytes: 50 * MB,
  maxUnzippedBytes: 100 * MB,
  maxCompressionRatio: 100,
  maxZipEntries: 2000,
});
