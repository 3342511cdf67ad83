import type { Database, Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { loadDraftDoc } from "../drafting/drafts";
import type { SearchDocument } from "../search/engine";
import type { DocumentSource } from "../search/source";
import { fiscalYearOf } from "../search/wareki";
import { refreshAnchors } from "./threads";

// What comments give the search index: one chunk per comment anyone may read, at the address
// of its clause, so a hit opens the thread beside the draft. A deleted or hidden comment, or a
// reply in a hidden thread, has no chunk: hiding one removes what was indexed.

interface CommentRow {
  id: number;
  draftId: number;
  title: string;
  address: string;
  body: string;
  suggestion: string | null;
  date: string;
}

async function commentDocuments(db: Queryable, id: number): Promise<SearchDocument[]> {
  const c = await queryOne<CommentRow>(
    db,
    `SELECT c.id, c.draft_id AS "draftId", d.title, c.last_address AS address, c.body, c.suggestion,
            to_char(c.created_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS date
       FROM comments c
       JOIN drafts d ON d.id = c.draft_id
       LEFT JOIN comments thread ON thread.id = c.parent_id
      WHERE c.id = $1 AND c.deleted_at IS NULL AND c.hidden_at IS NULL AND thread.hidden_at IS NULL`,
    [id],
  );
  if (!c) return [];
  return [
    {
      id: `comment:${c.id}`,
      sourceType: "comment",
      sourceId: c.id,
      recordId: null,
      draftId: c.draftId,
      anchor: `comment-${c.id}`,
      locator: c.address,
      title: c.title,
      kind: "comment",
      bodyId: null,
      bodyName: null,
      departmentId: null,
      departmentName: null,
      fiscalYear: fiscalYearOf(c.date),
      date: c.date,
      tags: [],
      text: [c.body, c.suggestion].filter(Boolean).join("\n"),
    },
  ];
}

/** A draft was indexed: its comments' addresses are brought up to date, which enqueues those that moved. */
async function followDraft(db: Database, draftId: number): Promise<void> {
  if (!(await queryOne(db, "SELECT 1 FROM comments WHERE draft_id = $1 LIMIT 1", [draftId]))) return;
  const { draft, doc } = await loadDraftDoc(db, draftId);
  await db.transaction((tx) => refreshAnchors(tx, draftId, doc, draft.numberingStyle));
}

export const commentSource: DocumentSource = {
  type: "comment",
  indexedAs: "comment",
  documents: commentDocuments,
  all: async (db) => (await db.query<{ id: number }>("SELECT id FROM comments ORDER BY id")).map((r) => r.id),
  follows: { draft: followDraft },
};
