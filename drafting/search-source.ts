import type { Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { splitLongText } from "../search/chunks";
import type { SearchDocument } from "../search/engine";
import type { DocumentSource } from "../search/source";
import { fiscalYearOf } from "../search/wareki";
import { clausesOf, type Clause } from "./clauses";
import { loadDraftDoc } from "./drafts";

// What a draft gives the search index: its clauses, each a chunk at its address as numbered
// now (and found by it), so a hit opens the draft at that clause. The text changes with every
// keystroke but is enqueued only when the log is compacted (and on creation, settings and
// server edits).

/**
 * The wording a clause is found by, or null when another clause holds it. An article with
 * one paragraph is cited as the article (第1条), so it holds that paragraph's wording; an
 * article with several holds only its caption, each paragraph being a clause of its own.
 */
function searchedText(clause: Clause, paragraphCounts: ReadonlyMap<string, number>): string | null {
  if (clause.kind === "article") return paragraphCounts.get(clause.id) === 1 ? clause.text : clause.caption;
  if (clause.kind === "paragraph" && clause.articleId && paragraphCounts.get(clause.articleId) === 1) return null;
  return clause.text;
}

function paragraphCountsOf(clauses: Iterable<Clause>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of clauses) if (c.kind === "paragraph" && c.articleId) counts.set(c.articleId, (counts.get(c.articleId) ?? 0) + 1);
  return counts;
}

/** When the draft last changed: its settings, or the text stored since (Tokyo date). */
async function lastChanged(db: Queryable, draftId: number): Promise<string> {
  const row = await queryOne<{ date: string }>(
    db,
    `SELECT to_char(greatest(d.updated_at, (SELECT created_at FROM draft_snapshots WHERE draft_id = d.id),
                             (SELECT max(created_at) FROM draft_updates WHERE draft_id = d.id)) AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS date
       FROM drafts d WHERE d.id = $1`,
    [draftId],
  );
  return row!.date;
}

async function draftDocuments(db: Queryable, draftId: number): Promise<SearchDocument[]> {
  if (!(await queryOne(db, "SELECT 1 FROM drafts WHERE id = $1", [draftId]))) return [];
  const { draft, doc } = await loadDraftDoc(db, draftId);
  const date = await lastChanged(db, draftId);
  const clauses = clausesOf(doc, draft.numberingStyle);
  const paragraphCounts = paragraphCountsOf(clauses.values());
  const docs: SearchDocument[] = [];
  for (const clause of clauses.values()) {
    const text = searchedText(clause, paragraphCounts);
    if (!text?.trim()) continue;
    // The address leads the text, so that 第2条第2項 (or 第二条第二項) finds the clause.
    splitLongText(`${clause.address} ${text}`).forEach((piece, i) => {
      docs.push({
        id: `clause:${draftId}:${clause.id}${i ? `:${i}` : ""}`,
        sourceType: "clause",
        sourceId: draftId,
        recordId: null,
        draftId,
        anchor: clause.id,
        locator: clause.address,
        title: draft.title,
        kind: "clause",
        bodyId: null,
        bodyName: null,
        departmentId: null,
        departmentName: null,
        fiscalYear: fiscalYearOf(date),
        date,
        tags: [],
        text: piece,
      });
    });
  }
  return docs;
}

export const draftSource: DocumentSource = {
  type: "draft",
  indexedAs: "clause",
  documents: draftDocuments,
  all: async (db) => (await db.query<{ id: number }>("SELECT id FROM drafts ORDER BY id")).map((r) => r.id),
};
