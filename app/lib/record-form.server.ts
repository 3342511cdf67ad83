import { parseFiscalYear, parseJapaneseDate } from "../../search/wareki";
import type { RecordInputDraft } from "../../knowledge/record-input";

// Turns the record form into a record draft. Dates and fiscal years may be typed as
// people write them (令和4年6月21日, R4.6.21, 2022-06-21, 令和4年度); anything unreadable
// comes back as a field error with the person's input kept.

export interface RecordFormValues {
  [field: string]: string;
}

export interface ParsedRecordForm {
  draft: RecordInputDraft;
  errors: Record<string, string>;
  values: RecordFormValues;
  expectedRevision: number | null;
}

const optionalId = (value: string) => (value ? Number(value) : null);

export function parseRecordForm(form: FormData): ParsedRecordForm {
  const values: RecordFormValues = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && key !== "tags") values[key] = value;
  const get = (name: string) => (values[name] ?? "").trim();
  const errors: Record<string, string> = {};

  let date: string | null = null;
  let datePrecision: "day" | "month" | "year" | null = null;
  if (get("date")) {
    const parsed = parseJapaneseDate(get("date"));
    if (!parsed) errors.date = "日付を読み取れません。「令和4年6月21日」「R4.6.21」「2022-06-21」のように入力してください。";
    else {
      datePrecision = parsed.precision;
      date = parsed.precision === "day" ? parsed.iso : parsed.precision === "month" ? `${parsed.iso}-01` : `${parsed.iso}-01-01`;
    }
  }
  let fiscalYear: number | null = null;
  if (get("fiscalYear")) {
    const asNumber = /^\d{4}$/.test(get("fiscalYear")) ? Number(get("fiscalYear")) : null;
    const parsed = asNumber ? { fiscalYear: asNumber } : parseFiscalYear(get("fiscalYear"));
    if (!parsed) errors.fiscalYear = "年度を読み取れません。「令和4年度」や「2022」のように入力してください。";
    else fiscalYear = parsed.fiscalYear;
  }
  let budgetYen: number | null = null;
  if (get("budgetYen")) {
    const digits = get("budgetYen").normalize("NFKC").replace(/[,，円\s]/g, "");
    if (!/^\d+$/.test(digits)) errors.budgetYen = "予算額は円単位の数字で入力してください(例: 1,200,000)。";
    else budgetYen = Number(digits);
  }
  const tags = [
    ...form.getAll("tags").filter((t): t is string => typeof t === "string"),
    ...get("freeTags").split(/[,、，\s]+/),
  ].filter(Boolean);
  values.tags = tags.join("、");
  const revision = Number(get("revision"));

  return {
    values,
    errors,
    expectedRevision: Number.isInteger(revision) && revision > 0 ? revision : null,
    draft: {
      kind: get("kind") as RecordInputDraft["kind"],
      title: get("title"),
      summary: get("summary"),
      bodyText: values.bodyText ?? "",
      issuerLevel: (get("issuerLevel") || null) as RecordInputDraft["issuerLevel"],
      bodyId: optionalId(get("bodyId")),
      departmentId: optionalId(get("departmentId")),
      date,
      datePrecision,
      fiscalYear,
      status: (get("status") || null) as RecordInputDraft["status"],
      budgetYen,
      sourceUrl: get("sourceUrl") || null,
      tags,
      charts: values.chartsJson ? safeCharts(values.chartsJson) : [],
    },
  };
}

function safeCharts(json: string): RecordInputDraft["charts"] {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}
