import type { Node } from "prosemirror-model";
import { can, type Actor } from "../auth/policy";
import type { Queryable } from "../db/database";
import { loadDraftDoc } from "../drafting/drafts";
import type { NumberingStyle } from "../ordinance/numbering";
import { enqueueIndexAll } from "../search/outbox";
import { clausesOf, type Clause } from "../drafting/clauses";
import type { CommentKind, Disposition } from "./comments";

// Reading comments: threads with their replies, placed on the clause as it is numbered now,
// or under the deleted clause's last address. Reading also records where each clause is,
// so that a clause deleted later still has its last address and wording.

export interface CommentView {
  id: number;
  parentId: number | null;
  kind: CommentKind;
  /** Empty when deleted or hidden from this reader. */
  body: string;
  suggestion: string | null;
  author: { id: number; name: string };
  /** Entered by staff for this member from the minutes. */
  onBehalfOf: { id: number; name: string; minutesRecordId: number; minutesTitle: string } | null;
  createdAt: string;
  updatedAt: string;
  edited: boolean;
  deleted: boolean;
  hidden: { reason: string } | null;
}

export interface ThreadView extends CommentView {
  clauseId: string;
  /** Where the clause is now, or its last address when it was deleted. */
  address: string;
  /** Where it was when the comment was written. */
  writtenAddress: string;
  writtenQuote: string;
  clauseDeleted: boolean;
  articleId: string | null;
  /** The address of that article now (第5条). */
  articleAddress: string | null;
  rangeText: string | null;
  rangeStart: unknown;
  rangeEnd: unknown;
  status: "open" | "resolved";
  disposition: Disposition | null;
  response: string | null;
  disposedAt: string | null;
  disposedBy: string | null;
  acceptedAt: string | null;
  /** The version (版) current when it was written, and the one in which it was settled; null before any. */
  version: string | null;
  versionId: number | null;
  settledVersion: string | null;
  replies: CommentView[];
}

export interface ThreadFilter {
  status?: "open" | "resolved";
  kind?: CommentKind;
  disposition?: Disposition | "none";
  /** Only threads this person started or took part in. */
  mineOf?: number;
  clauseId?: string;
}

interface Row {
  id: number;
  parentId: number | null;
  clauseId: string;
  writtenAddress: string;
  writtenQuote: string;
  lastAddress: string;
  lastQuote: string;
  clauseDeleted: boolean;
  rangeStart: unknown;
  rangeEnd: unknown;
  rangeText: string | null;
  kind: CommentKind;
  body: string;
  suggestion: string | null;
  authorId: number;
  authorName: string;
  onBehalfOf: number | null;
  onBehalfName: string | null;
  minutesRecordId: number | null;
  minutesTitle: string | null;
  status: "open" | "resolved";
  disposition: Disposition | null;
  response: string | null;
  disposedAt: Date | null;
  disposedByName: string | null;
  acceptedAt: Date | null;
  version: string | null;
  versionId: number | null;
  settledVersion: string | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  revisions: number;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * Brings each comment's last-known address and quote up to date with the draft as it is,
 * and marks comments whose clause is gone. Returns the clauses found.
 */
export async function refreshAnchors(db: Queryable, draftId: number, doc: Node, style: NumberingStyle): Promise<Map<string, Clause>> {
  const clauses = clausesOf(doc, style);
  const rows = await db.query<{ clauseId: string; lastAddress: string; lastQuote: string; clauseDeleted: boolean }>(
    `SELECT DISTINCT clause_id AS "clauseId", last_address AS "lastAddress", last_quote AS "lastQuote", clause_deleted AS "clauseDeleted"
       FROM comments WHERE draft_id = $1`,
    [draftId],
  );
  for (const row of rows) {
    const clause = clauses.get(row.clauseId);
    if (!clause) {
      if (!row.clauseDeleted) await db.query("UPDATE comments SET clause_deleted = true WHERE draft_id = $1 AND clause_id = $2", [draftId, row.clauseId]);
    } else if (row.clauseDeleted || row.lastAddress !== clause.address || row.lastQuote !== clause.text) {
      const moved = await db.query<{ id: number }>(
        "UPDATE comments SET clause_deleted = false, last_address = $3, last_quote = $4 WHERE draft_id = $1 AND clause_id = $2 RETURNING id",
        [draftId, row.clauseId, clause.address, clause.text],
      );
      // A comment's search hit names its clause's address.
      if (row.lastAddress !== clause.address) await enqueueIndexAll(db, "comment", moved.map((m) => m.id));
    }
  }
  return clauses;
}

/** Every thread of a draft the reader may see, in document order, deleted clauses last. */
export async function listThreads(db: Queryable, reader: Actor, draftId: number, filter: ThreadFilter = {}): Promise<ThreadView[]> {
  const { draft, doc } = await loadDraftDoc(db, draftId);
  const clauses = await refreshAnchors(db, draftId, doc, draft.numberingStyle);
  const order = new Map([...clauses.keys()].map((id, i) => [id, i]));
  const rows = await db.query<Row>(
    `SELECT c.id, c.parent_id AS "parentId", c.clause_id AS "clauseId", c.written_address AS "writtenAddress",
            c.written_quote AS "writtenQuote", c.last_address AS "lastAddress", c.last_quote AS "lastQuote",
            c.clause_deleted AS "clauseDeleted", c.range_start AS "rangeStart", c.range_end AS "rangeEnd", c.range_text AS "rangeText",
            c.kind, c.body, c.suggestion, c.author_id AS "authorId", a.display_name AS "authorName",
            c.on_behalf_of AS "onBehalfOf", m.display_name AS "onBehalfName", c.minutes_record_id AS "minutesRecordId",
            r.title AS "minutesTitle", c.status, c.disposition, c.response, c.disposed_at AS "disposedAt",
            d.display_name AS "disposedByName", c.accepted_at AS "acceptedAt", c.deleted_at AS "deletedAt",
            wv.label AS version, c.version_id AS "versionId", sv.label AS "settledVersion",
            c.hidden_at AS "hiddenAt", c.hidden_reason AS "hiddenReason", c.created_at AS "createdAt", c.updated_at AS "updatedAt",
            (SELECT count(*) FROM comment_revisions v WHERE v.comment_id = c.id)::int AS revisions
       FROM comments c
       JOIN users a ON a.id = c.author_id
       LEFT JOIN users m ON m.id = c.on_behalf_of
       LEFT JOIN users d ON d.id = c.disposed_by
       LEFT JOIN records r ON r.id = c.minutes_record_id
       LEFT JOIN draft_versions wv ON wv.id = c.version_id
       LEFT JOIN draft_versions sv ON sv.id = c.settled_version_id
      WHERE c.draft_id = $1
      ORDER BY c.id`,
    [draftId],
  );
  const moderator = can(reader, "comment.moderate");
  const view = (row: Row): CommentView => {
    const hiddenFromReader = row.hiddenAt !== null && !moderator;
    const withheld = row.deletedAt !== null || hiddenFromReader;
    return {
      id: row.id,
      parentId: row.parentId,
      kind: row.kind,
      body: withheld ? "" : row.body,
      suggestion: withheld ? null : row.suggestion,
      author: { id: row.authorId, name: row.authorName },
      onBehalfOf:
        row.onBehalfOf !== null
          ? { id: row.onBehalfOf, name: row.onBehalfName ?? "", minutesRecordId: row.minutesRecordId!, minutesTitle: row.minutesTitle ?? "" }
          : null,
      createdAt: iso(row.createdAt)!,
      updatedAt: iso(row.updatedAt)!,
      edited: row.revisions > 0,
      deleted: row.deletedAt !== null,
      hidden: row.hiddenAt !== null ? { reason: moderator ? (row.hiddenReason ?? "") : "" } : null,
    };
  };
  const threads = new Map<number, ThreadView>();
  for (const row of rows) {
    if (row.parentId !== null) continue;
    const clause = clauses.get(row.clauseId);
    threads.set(row.id, {
      ...view(row),
      clauseId: row.clauseId,
      address: clause?.address ?? row.lastAddress,
      writtenAddress: row.writtenAddress,
      writtenQuote: row.writtenQuote,
      clauseDeleted: !clause,
      articleId: clause?.articleId ?? null,
      articleAddress: clause?.articleId ? (clauses.get(clause.articleId)?.address ?? null) : null,
      rangeText: row.rangeText,
      rangeStart: row.rangeStart,
      rangeEnd: row.rangeEnd,
      status: row.status,
      disposition: row.disposition,
      response: row.response,
      disposedAt: iso(row.disposedAt),
      disposedBy: row.disposedByName,
      acceptedAt: iso(row.acceptedAt),
      version: row.version,
      versionId: row.versionId,
      settledVersion: row.settledVersion,
      replies: [],
    });
  }
  for (const row of rows) if (row.parentId !== null) threads.get(row.parentId)?.replies.push(view(row));
  const participates = (t: ThreadView, userId: number) =>
    t.author.id === userId || t.onBehalfOf?.id === userId || t.replies.some((r) => r.author.id === userId);
  return [...threads.values()]
    .filter((t) => !filter.status || t.status === filter.status)
    .filter((t) => !filter.kind || t.kind === filter.kind)
    .filter((t) => !filter.disposition || (filter.disposition === "none" ? t.disposition === null : t.disposition === filter.disposition))
    .filter((t) => filter.mineOf === undefined || participates(t, filter.mineOf))
    .filter((t) => !filter.clauseId || t.clauseId === filter.clauseId)
    .sort((a, b) => (order.get(a.clauseId) ?? Infinity) - (order.get(b.clauseId) ?? Infinity) || a.id - b.id);
}
