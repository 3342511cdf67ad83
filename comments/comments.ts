import { recordAudit } from "../auth/audit";
import { can, type Actor } from "../auth/policy";
import type { Database, Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { loadDraftDoc } from "../drafting/drafts";
import { publishLiveEvent } from "../drafting/live-events";
import { UserFacingError } from "../lib/errors";
import { enqueueIndex, enqueueIndexAll } from "../search/outbox";
import { clausesOf, type Clause } from "../drafting/clauses";

// Clause-level comments. Every rule about who may do what is checked here, on the server,
// whatever the UI shows; the routes, the CLI and the tests all come through these functions.

export const COMMENT_KINDS = ["comment", "question", "suggestion"] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];
export const COMMENT_KIND_LABELS: Record<CommentKind, string> = { comment: "意見", question: "質問", suggestion: "修文案" };

export const DISPOSITIONS = ["reflected", "partly", "rejected", "reference", "done"] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const DISPOSITION_LABELS: Record<Disposition, string> = {
  reflected: "反映",
  partly: "一部反映",
  rejected: "不採用",
  reference: "参考",
  done: "対応済",
};

export const BODY_LIMIT = 4000;

export interface CommentActor extends Actor {
  displayName?: string;
}

export interface TextRange {
  /** Yjs relative positions (JSON), resolved by the editor. */
  start: unknown;
  end: unknown;
  /** The selected text when the comment was written. */
  text: string;
}

export interface NewComment {
  draftId: number;
  clauseId: string;
  kind: CommentKind;
  body: string;
  suggestion?: string | null;
  range?: TextRange | null;
  /** Staff only: what a member said at a meeting, with the minutes it is recorded in. */
  onBehalfOf?: { userId: number; minutesRecordId: number } | null;
}

function cleanText(value: string | null | undefined, what: string): string {
  const text = (value ?? "").replace(/\r\n?/g, "\n").trim();
  if (!text) throw new UserFacingError(`${what}が空です。内容を入力してください。`);
  if (text.length > BODY_LIMIT) {
    throw new UserFacingError(`${what}が長すぎます（${text.length.toLocaleString("ja-JP")}字）。${BODY_LIMIT.toLocaleString("ja-JP")}字以内にしてください。`);
  }
  return text;
}

function deny(message: string): never {
  throw new UserFacingError(message, 403, "forbidden");
}

interface CommentRow {
  id: number;
  draftId: number;
  parentId: number | null;
  authorId: number;
  onBehalfOf: number | null;
  kind: CommentKind;
  status: "open" | "resolved";
  deleted: boolean;
  hidden: boolean;
  clauseId: string;
  suggestion: string | null;
  body: string;
  disposition: Disposition | null;
}

async function findRow(db: Queryable, id: number): Promise<CommentRow> {
  const row = await queryOne<CommentRow>(
    db,
    `SELECT id, draft_id AS "draftId", parent_id AS "parentId", author_id AS "authorId", on_behalf_of AS "onBehalfOf",
            kind, status, deleted_at IS NOT NULL AS deleted, hidden_at IS NOT NULL AS hidden, clause_id AS "clauseId",
            suggestion, body, disposition
       FROM comments WHERE id = $1`,
    [id],
  );
  if (!row) throw new UserFacingError("この意見は見つかりません。削除されたか、番号が違います。", 404, "not_found");
  return row;
}

/** The clause a new comment points at, from the draft as it is now. */
async function currentClause(db: Queryable, draftId: number, clauseId: string): Promise<Clause> {
  const { draft, doc } = await loadDraftDoc(db, draftId);
  const clause = clausesOf(doc, draft.numberingStyle).get(clauseId);
  if (!clause) throw new UserFacingError("指定された条項はこの条例案にありません。削除されたか、別の条例案の条項です。画面を再読み込みしてから選び直してください。", 400, "no_clause");
  return clause;
}

/** @login names in a text, for notifications. */
export function mentionedLogins(text: string): string[] {
  return [...new Set([...text.matchAll(/@([a-z][a-z0-9_.-]{1,31})/gi)].map((m) => m[1]!.toLowerCase()))];
}

async function notifyMentions(db: Queryable, commentId: number, text: string, authorId: number): Promise<void> {
  const logins = mentionedLogins(text);
  if (!logins.length) return;
  await db.query(
    `INSERT INTO notifications (user_id, comment_id, kind)
     SELECT id, $1, 'mention' FROM users WHERE lower(login) = ANY($2::text[]) AND active AND id <> $3
     ON CONFLICT DO NOTHING`,
    [commentId, logins, authorId],
  );
}

async function changed(db: Database, draftId: number, commentId: number): Promise<void> {
  await publishLiveEvent(db, { type: "comment.changed", draftId, commentId });
}

/** A top-level comment on a clause: 意見, 質問 or 修文案. */
export async function createComment(db: Database, actor: CommentActor, input: NewComment): Promise<{ id: number }> {
  if (input.onBehalfOf) {
    if (!can(actor, "comment.onBehalf")) deny("会議での発言を委員の意見として登録できるのは職員だけです。");
  } else if (!can(actor, "comment.create")) {
    deny("この条例案に意見を書く権限がありません。意見は研究会メンバーとPTメンバーが書けます。");
  }
  if (!(COMMENT_KINDS as readonly string[]).includes(input.kind)) throw new UserFacingError("意見の種類は「意見」「質問」「修文案」から選んでください。");
  const body = cleanText(input.body, "意見の本文");
  const suggestion = input.kind === "suggestion" ? cleanText(input.suggestion, "修文案の文言") : null;
  const rangeText = input.range ? String(input.range.text ?? "").slice(0, 2000) : null;
  if (input.range && !rangeText) throw new UserFacingError("範囲を指定した意見には、選んだ文字列が必要です。文字を選び直してください。");
  const clause = await currentClause(db, input.draftId, input.clauseId);
  if (input.onBehalfOf) {
    const member = await queryOne<{ role: string }>(db, "SELECT role FROM users WHERE id = $1 AND active", [input.onBehalfOf.userId]);
    if (!member || (member.role !== "study" && member.role !== "pt")) throw new UserFacingError("発言者には研究会メンバーかPTメンバーを選んでください。");
    const minutes = await queryOne(db, "SELECT 1 FROM records WHERE id = $1 AND kind = 'minutes'", [input.onBehalfOf.minutesRecordId]);
    if (!minutes) throw new UserFacingError("発言が記録された会議録を選んでください（ナレッジの会議録の番号です）。");
  }
  const row = await db.transaction(async (tx) => {
    const inserted = await queryOne<{ id: number }>(
      tx,
      `INSERT INTO comments (draft_id, clause_id, written_address, written_quote, last_address, last_quote,
                             range_start, range_end, range_text, kind, body, suggestion, author_id, on_behalf_of, minutes_record_id, version_id)
       VALUES ($1, $2, $3, $4, $3, $4, $5::text::jsonb, $6::text::jsonb, $7, $8, $9, $10, $11, $12, $13,
               (SELECT max(id) FROM draft_versions WHERE draft_id = $1))
       RETURNING id`,
      [
        input.draftId,
        clause.id,
        clause.address,
        clause.text,
        input.range ? JSON.stringify(input.range.start) : null,
        input.range ? JSON.stringify(input.range.end) : null,
        rangeText,
        input.kind,
        body,
        suggestion,
        actor.id,
        input.onBehalfOf?.userId ?? null,
        input.onBehalfOf?.minutesRecordId ?? null,
      ],
    );
    await notifyMentions(tx, inserted!.id, body, actor.id);
    await enqueueIndex(tx, "comment", inserted!.id);
    return inserted!;
  });
  await changed(db, input.draftId, row.id);
  return row;
}

/** A reply in a thread. */
export async function replyTo(db: Database, actor: CommentActor, parentId: number, bodyText: string): Promise<{ id: number }> {
  if (!can(actor, "comment.create")) deny("返信する権限がありません。返信は研究会メンバーとPTメンバーが書けます。");
  const body = cleanText(bodyText, "返信の本文");
  const parent = await findRow(db, parentId);
  if (parent.parentId !== null) throw new UserFacingError("返信には返信できません。元の意見に返信してください。");
  if (parent.deleted || parent.hidden) throw new UserFacingError("削除または非表示にされた意見には返信できません。");
  const row = await db.transaction(async (tx) => {
    const inserted = await queryOne<{ id: number }>(
      tx,
      `INSERT INTO comments (draft_id, parent_id, clause_id, written_address, written_quote, last_address, last_quote, kind, body, author_id)
       SELECT draft_id, id, clause_id, last_address, last_quote, last_address, last_quote, 'comment', $2, $3 FROM comments WHERE id = $1
       RETURNING id`,
      [parentId, body, actor.id],
    );
    await tx.query("UPDATE comments SET updated_at = now() WHERE id = $1", [parentId]);
    await notifyMentions(tx, inserted!.id, body, actor.id);
    await enqueueIndex(tx, "comment", inserted!.id);
    return inserted!;
  });
  await changed(db, parent.draftId, row.id);
  return row;
}

function ownsComment(actor: Actor, row: CommentRow): boolean {
  return row.authorId === actor.id;
}

/** Changes the wording of your own comment; the earlier wording is kept. */
export async function editComment(db: Database, actor: CommentActor, id: number, input: { body: string; suggestion?: string | null }): Promise<void> {
  const row = await findRow(db, id);
  if (!ownsComment(actor, row) || !(can(actor, "comment.create") || can(actor, "comment.onBehalf"))) deny("自分が書いた意見だけを修正できます。");
  if (row.deleted) throw new UserFacingError("削除した意見は修正できません。");
  if (row.disposition) throw new UserFacingError("対応区分が決まった意見は修正できません。補足は返信で書いてください。");
  const body = cleanText(input.body, "意見の本文");
  const suggestion = row.kind === "suggestion" && row.parentId === null ? cleanText(input.suggestion, "修文案の文言") : null;
  await db.transaction(async (tx) => {
    await tx.query("INSERT INTO comment_revisions (comment_id, body, suggestion, edited_by) VALUES ($1, $2, $3, $4)", [id, row.body, row.suggestion, actor.id]);
    await tx.query("UPDATE comments SET body = $2, suggestion = $3, updated_at = now() WHERE id = $1", [id, body, suggestion]);
    await notifyMentions(tx, id, body, actor.id);
    await enqueueIndex(tx, "comment", id);
  });
  await changed(db, row.draftId, id);
}

/** Withdraws your own comment: it stays in the thread as 削除されました. */
export async function deleteComment(db: Database, actor: CommentActor, id: number): Promise<void> {
  const row = await findRow(db, id);
  if (!ownsComment(actor, row)) deny("自分が書いた意見だけを削除できます。");
  if (row.disposition) throw new UserFacingError("対応区分が決まった意見は削除できません。");
  await db.transaction(async (tx) => {
    await tx.query("UPDATE comments SET deleted_at = coalesce(deleted_at, now()), updated_at = now() WHERE id = $1", [id]);
    await enqueueIndex(tx, "comment", id);
  });
  await changed(db, row.draftId, id);
}

/** Resolves or reopens a thread: the PT any thread, a member the threads they started. */
export async function setResolved(db: Database, actor: CommentActor, id: number, resolved: boolean): Promise<void> {
  const row = await findRow(db, id);
  if (row.parentId !== null) throw new UserFacingError("解決・再開は元の意見に対して行ってください。");
  const mine = row.authorId === actor.id || row.onBehalfOf === actor.id;
  if (!can(actor, "comment.dispose") && !(can(actor, "comment.create") && mine)) deny("この意見を解決済みにできるのは、PTメンバーと意見を書いた本人です。");
  await db.query(
    `UPDATE comments SET status = $2, resolved_by = CASE WHEN $2 = 'resolved' THEN $3::int END,
            resolved_at = CASE WHEN $2 = 'resolved' THEN now() END, updated_at = now() WHERE id = $1`,
    [id, resolved ? "resolved" : "open", actor.id],
  );
  await changed(db, row.draftId, id);
}

/** 対応区分 and 県の考え方, set by the PT on a top-level comment. */
export async function disposeComment(db: Database, actor: CommentActor, id: number, input: { disposition: string; response: string }): Promise<void> {
  if (!can(actor, "comment.dispose")) deny("対応区分と県の考え方を決められるのはPTメンバーだけです。");
  if (!(DISPOSITIONS as readonly string[]).includes(input.disposition)) throw new UserFacingError("対応区分は「反映」「一部反映」「不採用」「参考」「対応済」から選んでください。");
  const row = await findRow(db, id);
  if (row.parentId !== null) throw new UserFacingError("対応区分は元の意見に付けてください。返信には付けられません。");
  if (row.deleted || row.hidden) throw new UserFacingError("削除または非表示にされた意見には対応区分を付けられません。");
  const response = (input.response ?? "").trim();
  if (response.length > BODY_LIMIT) throw new UserFacingError(`県の考え方が長すぎます。${BODY_LIMIT.toLocaleString("ja-JP")}字以内にしてください。`);
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE comments SET disposition = $2, response = $3, disposed_by = $4, disposed_at = now(), status = 'resolved',
              settled_version_id = (SELECT max(v.id) FROM draft_versions v WHERE v.draft_id = comments.draft_id),
              resolved_by = coalesce(resolved_by, $4), resolved_at = coalesce(resolved_at, now()), updated_at = now()
        WHERE id = $1`,
      [id, input.disposition, response || null, actor.id],
    );
    await enqueueIndex(tx, "comment", id);
  });
  await changed(db, row.draftId, id);
}

/** Moderation: an admin hides a comment with a reason, kept in the audit trail. */
export async function hideComment(db: Database, actor: CommentActor, id: number, reasonText: string): Promise<void> {
  if (!can(actor, "comment.moderate")) deny("意見を非表示にできるのは管理者だけです。");
  const reason = cleanText(reasonText, "非表示にする理由");
  const row = await findRow(db, id);
  await db.transaction(async (tx) => {
    await tx.query("UPDATE comments SET hidden_at = now(), hidden_by = $2, hidden_reason = $3, updated_at = now() WHERE id = $1", [id, actor.id, reason]);
    await recordAudit(tx, actor.id, "comment.hide", `comment:${id}`, { reason, draftId: row.draftId });
    // Taken out of search, with the replies of a hidden thread.
    const thread = await tx.query<{ id: number }>("SELECT id FROM comments WHERE id = $1 OR parent_id = $1", [id]);
    await enqueueIndexAll(tx, "comment", thread.map((c) => c.id));
  });
  await changed(db, row.draftId, id);
}
