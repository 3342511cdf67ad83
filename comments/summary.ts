import type { Actor } from "../auth/policy";
import type { Queryable } from "../db/database";
import { listThreads, type ThreadView } from "./threads";

// What the home page shows about comments: per draft, open threads per article (the heat
// strip), those still waiting for a 対応区分, and the @mentions addressed to the reader.

export interface ArticleHeat {
  articleId: string;
  address: string;
  open: number;
}

export interface DraftCommentSummary {
  open: number;
  total: number;
  /** Open threads per article, in document order, only articles with comments. */
  articles: ArticleHeat[];
  /** Top-level comments still without a 対応区分, oldest first (at most `limit`). */
  awaiting: ThreadView[];
  awaitingCount: number;
}

export async function draftCommentSummary(db: Queryable, reader: Actor, draftId: number, limit = 5): Promise<DraftCommentSummary> {
  const threads = (await listThreads(db, reader, draftId)).filter((t) => !t.deleted && !t.hidden);
  const articles = new Map<string, ArticleHeat>();
  for (const t of threads) {
    if (!t.articleId || !t.articleAddress || t.clauseDeleted) continue;
    const entry = articles.get(t.articleId) ?? { articleId: t.articleId, address: t.articleAddress, open: 0 };
    if (t.status === "open") entry.open++;
    articles.set(t.articleId, entry);
  }
  const awaiting = threads.filter((t) => t.disposition === null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return {
    open: threads.filter((t) => t.status === "open").length,
    total: threads.length,
    articles: [...articles.values()],
    awaiting: awaiting.slice(0, limit),
    awaitingCount: awaiting.length,
  };
}

export interface MentionNotice {
  id: number;
  commentId: number;
  draftId: number;
  draftTitle: string;
  address: string;
  from: string;
  excerpt: string;
  createdAt: string;
}

/** Unread @mentions for a person, newest first. */
export async function unreadMentions(db: Queryable, userId: number, limit = 10): Promise<MentionNotice[]> {
  const rows = await db.query<Omit<MentionNotice, "createdAt"> & { createdAt: Date }>(
    `SELECT n.id, c.id AS "commentId", c.draft_id AS "draftId", d.title AS "draftTitle", c.last_address AS address,
            u.display_name AS "from", left(c.body, 80) AS excerpt, n.created_at AS "createdAt"
       FROM notifications n
       JOIN comments c ON c.id = n.comment_id
       JOIN drafts d ON d.id = c.draft_id
       JOIN users u ON u.id = c.author_id
      WHERE n.user_id = $1 AND n.read_at IS NULL AND c.deleted_at IS NULL AND c.hidden_at IS NULL
      ORDER BY n.id DESC LIMIT $2`,
    [userId, limit],
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

export async function countUnreadMentions(db: Queryable, userId: number): Promise<number> {
  const [row] = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM notifications n JOIN comments c ON c.id = n.comment_id
      WHERE n.user_id = $1 AND n.read_at IS NULL AND c.deleted_at IS NULL AND c.hidden_at IS NULL`,
    [userId],
  );
  return row?.count ?? 0;
}

/** Marks one notice (or all of a person's) read; only the person's own. */
export async function markMentionsRead(db: Queryable, userId: number, noticeId?: number): Promise<void> {
  if (noticeId) await db.query("UPDATE notifications SET read_at = now() WHERE id = $1 AND user_id = $2 AND read_at IS NULL", [noticeId, userId]);
  else await db.query("UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL", [userId]);
}
