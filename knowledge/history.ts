import { diffChars, diffLines } from "diff";
import type { Queryable } from "../db/database";
import type { RecordSnapshot } from "./record-input";

// A history a person can read: for each saved revision, which fields changed (from → to)
// and, for the body, the lines added and removed with the changed characters marked.

const FIELD_LABELS: Partial<Record<keyof RecordSnapshot, string>> = {
  kind: "種別",
  title: "タイトル",
  summary: "概要",
  issuerLevel: "発出主体",
  bodyId: "会議体",
  departmentId: "部局",
  date: "日付",
  fiscalYear: "年度",
  status: "状況",
  budgetYen: "予算額",
  sourceUrl: "出典URL",
  tags: "タグ",
  charts: "グラフ",
};

export interface TextPiece {
  text: string;
  change: "same" | "added" | "removed";
}

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface RevisionView {
  revision: number;
  changedAt: Date;
  changedBy: string | null;
  note: string;
  fields: FieldChange[];
  /** Changed parts of the body, each a run of lines before and after. */
  body: { before: TextPiece[]; after: TextPiece[] }[];
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "（なし）";
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join("、") : "（なし）";
  return String(value);
}

/** Pairs removed and added line runs and marks the characters that differ inside them. */
export function bodyChanges(before: string, after: string): RevisionView["body"] {
  const parts = diffLines(before, after);
  const changes: RevisionView["body"] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part.added && !part.removed) continue;
    const removed = part.removed ? part.value : "";
    const next = parts[i + 1];
    const added = part.removed && next?.added ? (i++, next.value) : part.added ? part.value : "";
    const chars = diffChars(removed, added);
    changes.push({
      before: chars.filter((c) => !c.added).map((c) => ({ text: c.value, change: c.removed ? "removed" : "same" })),
      after: chars.filter((c) => !c.removed).map((c) => ({ text: c.value, change: c.added ? "added" : "same" })),
    });
  }
  return changes;
}

/** Names for the ids a snapshot holds, so the history reads 福祉保健部 rather than 5. */
export interface NameLookup {
  bodies: Map<number, string>;
  departments: Map<number, string>;
}

function display(snapshot: RecordSnapshot | null, field: keyof RecordSnapshot, names: NameLookup): string {
  const value = snapshot?.[field];
  if (typeof value === "number" && field === "bodyId") return names.bodies.get(value) ?? show(value);
  if (typeof value === "number" && field === "departmentId") return names.departments.get(value) ?? show(value);
  if (field === "charts" && Array.isArray(value)) return value.map((c) => (c as { title: string }).title).join("、") || "（なし）";
  return show(value);
}

export function describeChanges(
  before: RecordSnapshot | null,
  after: RecordSnapshot,
  names: NameLookup = { bodies: new Map(), departments: new Map() },
): Pick<RevisionView, "fields" | "body"> {
  const fields: FieldChange[] = [];
  for (const [field, label] of Object.entries(FIELD_LABELS) as [keyof RecordSnapshot, string][]) {
    const a = display(before, field, names);
    const b = display(after, field, names);
    if (a !== b) fields.push({ field, label, before: before ? a : "", after: b });
  }
  const body = bodyChanges(before?.bodyText ?? "", after.bodyText ?? "");
  return { fields, body };
}

/** Every revision of a record, newest first, each compared with the one before it. */
export async function recordHistory(db: Queryable, recordId: number): Promise<RevisionView[]> {
  const rows = await db.query<{ revision: number; snapshot: RecordSnapshot; changedAt: Date; changedBy: string | null; note: string }>(
    `SELECT v.revision, v.snapshot, v.changed_at AS "changedAt", u.display_name AS "changedBy", v.note
       FROM record_revisions v LEFT JOIN users u ON u.id = v.changed_by
      WHERE v.record_id = $1 ORDER BY v.revision`,
    [recordId],
  );
  const lookup = async (table: "bodies" | "departments") =>
    new Map((await db.query<{ id: number; name: string }>(`SELECT id, name FROM ${table}`)).map((r) => [r.id, r.name]));
  const names: NameLookup = { bodies: await lookup("bodies"), departments: await lookup("departments") };
  const views = rows.map((row, i) => ({
    revision: row.revision,
    changedAt: row.changedAt,
    changedBy: row.changedBy,
    note: row.note,
    ...describeChanges(i === 0 ? null : rows[i - 1]!.snapshot, row.snapshot, names),
  }));
  return views.reverse();
}
