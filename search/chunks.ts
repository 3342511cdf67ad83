import type { Queryable } from "../db/database";
import { queryOne } from "../db/database";
import type { SearchDocument } from "./engine";
import type { IndexedSource } from "./outbox";

// What gets indexed: each section or provision of a record is a chunk, so a hit points at
// the part; long sections are cut at paragraph or sentence ends. Decisions are chunks of
// their own that open their source minutes.

const MAX_CHUNK = 1200;

/** Cuts long text near MAX_CHUNK at a blank line, a line end or a 。. */
export function splitLongText(text: string): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > MAX_CHUNK) {
    const window = rest.slice(0, MAX_CHUNK);
    const cut = Math.max(window.lastIndexOf("\n\n"), window.lastIndexOf("\n"), window.lastIndexOf("。") + 1);
    const at = cut > MAX_CHUNK / 2 ? cut : MAX_CHUNK;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  if (rest.trim() || !pieces.length) pieces.push(rest);
  return pieces;
}

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
            COALESCE((SELECT array_agg(t.name) FROM record_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.record_id = r.id), '{}') AS tags
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

export function documentsFor(db: Queryable, sourceType: IndexedSource, id: number): Promise<SearchDocument[]> {
  return sourceType === "record" ? recordDocuments(db, id) : decisionDocuments(db, id);
}
