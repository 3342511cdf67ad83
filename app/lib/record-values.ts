import { formatFiscalYear, formatJapaneseDate } from "../../search/wareki";

interface EditableRecord {
  kind: string;
  title: string;
  summary: string;
  bodyText: string;
  issuerLevel: string | null;
  bodyId: number | null;
  departmentId: number | null;
  date: string | null;
  datePrecision: "day" | "month" | "year" | null;
  fiscalYear: number | null;
  status: string | null;
  budgetYen: number | null;
  sourceUrl: string | null;
  tags: string[];
  charts: unknown[];
}

/** A saved record as the values of the edit form (dates shown the way people type them). */
export function recordFormValues(r: EditableRecord): Record<string, string> {
  const precision = r.datePrecision ?? "day";
  const iso = r.date ? (precision === "day" ? r.date : precision === "month" ? r.date.slice(0, 7) : r.date.slice(0, 4)) : null;
  return {
    kind: r.kind,
    title: r.title,
    summary: r.summary,
    bodyText: r.bodyText,
    issuerLevel: r.issuerLevel ?? "",
    bodyId: r.bodyId ? String(r.bodyId) : "",
    departmentId: r.departmentId ? String(r.departmentId) : "",
    date: iso ? (formatJapaneseDate(iso, { precision }) ?? iso) : "",
    fiscalYear: r.fiscalYear ? (formatFiscalYear(r.fiscalYear) ?? String(r.fiscalYear)) : "",
    status: r.status ?? "",
    budgetYen: r.budgetYen !== null ? r.budgetYen.toLocaleString("ja-JP") : "",
    sourceUrl: r.sourceUrl ?? "",
    tags: r.tags.join("、"),
    chartsJson: r.charts.length ? JSON.stringify(r.charts) : "",
  };
}
