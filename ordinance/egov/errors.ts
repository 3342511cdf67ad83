// Why an e-Gov XML text was refused. The codes are shared constants so callers (upload
// routes, the CLI) can branch on them; the messages reach people, so they are Japanese.

export const EGOV_XML_ERROR_CODES = {
  /** Nothing to read. */
  empty: "empty",
  /** Larger than MAX_EGOV_XML_BYTES. */
  tooLarge: "too-large",
  /** A DOCTYPE, ENTITY or other DTD declaration: the door to XXE and billion laughs. */
  doctype: "doctype",
  /** Elements nested deeper than MAX_EGOV_XML_DEPTH. */
  tooDeep: "too-deep",
  /** Not well-formed XML (or an entity reference XML does not define). */
  malformed: "malformed",
  /** Well-formed, but the root is not <Law>. */
  notLaw: "not-law",
  /** A required element such as LawBody, LawTitle or ArticleTitle is absent. */
  missingElement: "missing-element",
  /** An element, attribute or text the schema does not allow at that place. */
  unexpectedContent: "unexpected-content",
} as const;

export type EgovXmlErrorCode = (typeof EGOV_XML_ERROR_CODES)[keyof typeof EGOV_XML_ERROR_CODES];

// Each limit is far above any real statute (行政手続法 is 110 kB and 11 elements deep) and
// far below what would hurt the server.
export const MAX_EGOV_XML_BYTES = 20 * 1024 * 1024;
export const MAX_EGOV_XML_DEPTH = 64;

export class EgovXmlError extends Error {
  readonly code: EgovXmlErrorCode;
  /** 1-based line in the input, when the problem has a place. */
  readonly line?: number;
  readonly column?: number;
  /** The XML parser's own (English) reason, for logs; never shown as the message. */
  readonly detail?: string;

  constructor(
    code: EgovXmlErrorCode,
    message: string,
    place: { line?: number; column?: number; detail?: string } = {},
  ) {
    super(message);
    this.name = "EgovXmlError";
    this.code = code;
    if (place.line !== undefined) this.line = place.line;
    if (place.column !== undefined) this.column = place.column;
    if (place.detail !== undefined) this.detail = place.detail;
  }
}

/** "12行目" or "12行目5列目", or "" when the place is unknown, for the start of a message. */
export function describePlace(line?: number, column?: number): string {
  if (line === undefined) return "";
  return column === undefined ? `${line}行目` : `${line}行目${column}列目`;
}
