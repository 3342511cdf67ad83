import type { Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { splitLongText } from "../search/chunks";
import type { SearchDocument } from "../search/engine";
import type { DocumentSource } from "../search/source";

// What the knowledge base gives the search index: each section or provision of a record is a
// chunk, so a hit points at the part. Decisions are chunks of their own that open their
// source minutes.

interface RecordRow {
  id: number;
  title: string;
  kind: string;
  summary: string;
  bodyId: number | null;
  bodyName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  fiscalYear: number | null;
  date: string | null;
  tags: string[];
}

async function recordDocuments(db: Queryable, id: number): Promise<SearchDocument[]> {
  const r = await queryOne<RecordRow>(
    db,
    `SELECT r.id, r.title, r.kind, r.summary, r.body_id AS "bodyId", b.name AS "bodyName", r.department_id AS "departmentId",
            d.name AS "departmentName", r.fiscal_year AS "fiscalYear", to_char(r.date, 'YYYY-MM-DD') AS date,
            COALESCE((SELECT array_agg(t.name ORDER BY t.name) FROM record_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.record_id = r.id), '{}') AS tags
       FROM records r LEFT JOIN bodies b ON b.id = r.body_id LEFT JOIN departments d ON d.id = r.department_id
      WHERE r.id = $1`,
    [id],
  );
  if (!r) return [];
  const sections = await db.query<{ anchor: string; locator: string; caption: string | null; text: string; kind: string }>(
    "SELECT anchor, locator, caption, text, kind FROM record_sections WHERE record_id = $1 ORDER BY position",
    [id],
  );
  const base = {
    sourceType: "record" as const,
    sourceId: r.id,
    recordId: r.id,
    draftId: null,
    title: r.title,
    kind: r.kind,
    bodyId: r.bodyId,
    bodyName: r.bodyName,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    fiscalYear: r.fiscalYear,
    date: r.date,
    tags: r.tags,
  };
  // The summary is a chunk of its own: it often says best what the record is about.
  const docs: SearchDocument[] = [{ ...base, id: `record:${r.id}:summary`, anchor: null, locator: null, text: r.summary }];
  for (const s of sections) {
    const text = [s.caption, s.kind === "heading" ? s.locator : null, s.text].filter(Boolean).join("\n");
    if (!text.trim()) continue;
    splitLongText(text).forEach((piece, i) => {
      docs.push({ ...base, id: `record:${r.id}:${s.anchor}${i ? `:${i}` : ""}`, anchor: s.anchor === "top" ? null : s.anchor, locator: s.kind === "preamble" ? null : s.locator, text: piece });
    });
  }
  return docs;
}

async function decisionDocuments(db: Queryable, id: number): Promise<SearchDocument[]> {
  const d = await queryOne<{ id: number; text: string; date: string; fiscalYear: number; bodyId: number | null; bodyName: string | null; recordId: number | null; anchor: string | null; sourceTitle: string | null }>(
    db,
    `SELECT d.id, d.text, to_char(d.decided_on, 'YYYY-MM-DD') AS date, d.fiscal_year AS "fiscalYear", d.body_id AS "bodyId",
            b.name AS "bodyName", d.source_record_id AS "recordId", d.source_anchor AS anchor, r.title AS "sourceTitle"
       FROM decisions d LEFT JOIN bodies b ON b.id = d.body_id LEFT JOIN records r ON r.id = d.source_record_id
      WHERE d.id = $1`,
    [id],
  );
  if (!d) return [];
  return [
    {
      id: `decision:${d.id}`,
      sourceType: "decision",
      sourceId: d.id,
      recordId: d.recordId,
      draftId: null,
      anchor: d.anchor,
      // Titled by what was decided, so it matches on its own words, not its minutes' title.
      locator: d.sourceTitle ? `出典：${d.sourceTitle}` : null,
      title: d.text.length > 80 ? `${d.text.slice(0, 79)}…` : d.text,
      kind: "decision",
      bodyId: d.bodyId,
      bodyName: d.bodyName,
      departmentId: null,
      departmentName: null,
      fiscalYear: d.fiscalYear,
      date: d.date,
      tags: [],
      text: d.text,
    },
  ];
}

async function idsOf(db: Queryable, table: "records" | "decisions"): Promise<number[]> {
  return (await db.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);
}

export const recordSource: DocumentSource = {
  type: "record",
  indexedAs: "record",
  documents: recordDocuments,
  all: (db) => idsOf(db, "records"),
};

export const decisionSource: DocumentSource = {
  type: "decision",
  indexedAs: "decision",
  documents: decisionDocuments,
  all: (db) => idsOf(db, "decisions"),
};

/** The knowledge base alone (records and decisions), as the search contract tests index it. */
export const KNOWLEDGE_SOURCES: readonly DocumentSource[] = [recordSource, decisionSource];
