import type { ChartSpec, IssuerLevel, MeasureStatus, RecordKind } from "../knowledge/kinds";

/**
 * One demo record. `text` is the body in Kizuna's Markdown subset:
 *   "## 見出し" / "### 小見出し" start sections (each becomes addressable and linkable),
 *   blank lines separate paragraphs, "- " starts a bullet, "1. " a numbered line.
 * No HTML: it is shown as text.
 */
export interface RecordSeed {
  /** Stable key other seeds refer to, e.g. "national-priority-plan". */
  key: string;
  kind: RecordKind;
  title: string;
  summary: string;
  issuer: IssuerLevel;
  /** Code of a body in seeds/organisation.ts (meeting body for minutes, issuing body otherwise). */
  body?: string;
  /** Code of a department in seeds/organisation.ts. */
  department?: string;
  /** ISO date: "2022-06-21", or "2022-06" / "2022" when only the month or year is known. */
  date?: string;
  /** Fiscal year (年度, April–March) when it differs from the date's or there is no date. */
  fiscalYear?: number;
  /** Measures only. */
  status?: MeasureStatus;
  budgetYen?: number;
  sourceUrl?: string;
  /** Names from MANAGED_TAGS in knowledge/kinds.ts, or free tags. */
  tags: string[];
  text: string;
  charts?: ChartSpec[];
}

/** A decision (決定事項) taken at a meeting, recorded in a minutes record. */
export interface DecisionSeed {
  key: string;
  text: string;
  /** ISO date of the meeting. */
  date: string;
  /** Code of the deciding body. */
  body: string;
  /** Key of the minutes record it came from. */
  source: string;
  /** Heading text of the section of those minutes where it was decided. */
  sourceSection?: string;
  /** Keys of the records (usually measures) it concerns. */
  concerns: string[];
}

/** A link between two records, or sections of them (by heading text), with the reason. */
export interface LinkSeed {
  from: string;
  fromSection?: string;
  to: string;
  toSection?: string;
  reason: string;
}
