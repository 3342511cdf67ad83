import { Node } from "prosemirror-model";
import { Transform } from "prosemirror-transform";
import { can } from "../auth/policy";
import type { Database } from "../db/database";
import { queryOne } from "../db/database";
import { publishLiveEvent } from "../drafting/live-events";
import { editDraftOnServer } from "../drafting/server-edit";
import { UserFacingError } from "../lib/errors";
import { ordinanceSchema } from "../ordinance/model";
import { ownText } from "../drafting/clauses";
import type { CommentActor } from "./comments";

// Accepting a 修文案 puts its wording into the draft: the chosen range if the comment has
// one, else the clause's sentences. It is one stored update attributed to the PT member who
// accepted it, reaches every open editor at once, marks the comment 反映, and can be taken
// back while the clause still reads as it was accepted.

interface Located {
  node: Node;
  pos: number;
}

function findById(doc: Node, id: string): Located | null {
  let found: Located | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.attrs.id === id) found = { node, pos };
    return !found;
  });
  return found;
}

/** The node whose sentences a whole-clause suggestion replaces: the clause, or an article's only paragraph. */
function sentenceHolder(doc: Node, at: Located): Located {
  if (at.node.type.name !== "article") return at;
  const paragraphs: Located[] = [];
  at.node.forEach((child, offset) => {
    if (child.type.name === "paragraph") paragraphs.push({ node: child, pos: at.pos + 1 + offset });
  });
  if (paragraphs.length !== 1) {
    throw new UserFacingError("項が二つ以上ある条への修文案は、自動では反映できません。条文を直接修正し、対応区分を設定してください。");
  }
  return paragraphs[0]!;
}

/** Replaces the holder's sentences by one sentence with `text`. */
function replaceSentences(tr: Transform, holder: Located, text: string): void {
  let from = -1;
  let to = -1;
  let attrs: Record<string, unknown> | undefined;
  holder.node.forEach((child, offset) => {
    if (child.type.name !== "sentence") return;
    const start = holder.pos + 1 + offset;
    if (from < 0) {
      from = start;
      attrs = { ...child.attrs, function: "main" };
    }
    to = start + child.nodeSize;
  });
  if (from < 0) throw new UserFacingError("この条項には文がないため、修文案を反映できません。");
  tr.replaceWith(from, to, ordinanceSchema.nodes.sentence.create(attrs, ordinanceSchema.text(text)));
}

/** Replaces the first occurrence of `target` inside one of the holder's sentences. */
function replaceInSentences(tr: Transform, holder: Located, target: string, text: string): void {
  let done = false;
  holder.node.descendants((child, offset) => {
    if (done) return false;
    if (child.type.name !== "sentence") return true;
    const start = holder.pos + 1 + offset + 1;
    // Character offsets to positions: text nodes count their length, other inline nodes one.
    let flat = "";
    const positions: number[] = [];
    child.forEach((inline, inlineOffset) => {
      const chars = inline.isText ? inline.text! : "\uFFFC";
      for (let i = 0; i < chars.length; i++) {
        positions.push(start + inlineOffset + (inline.isText ? i : 0));
        flat += chars[i];
      }
    });
    const at = flat.indexOf(target);
    if (at >= 0) {
      const from = positions[at]!;
      const to = positions[at + target.length - 1]! + 1;
      const marks = tr.doc.resolve(from + 1).marks();
      tr.replaceWith(from, to, ordinanceSchema.text(text, marks));
      done = true;
    }
    return false;
  });
  if (!done) {
    throw new UserFacingError("修文案の対象の文字列が、その後の編集で変わっています。条文を直接修正し、対応区分を設定してください。");
  }
}

interface Acceptable {
  id: number;
  draftId: number;
  clauseId: string;
  kind: string;
  suggestion: string | null;
  rangeText: string | null;
  parentId: number | null;
  deleted: boolean;
  hidden: boolean;
  acceptedAt: Date | null;
  acceptedPrevious: string | null;
}

async function acceptable(db: Database, actor: CommentActor, id: number): Promise<Acceptable> {
  if (!can(actor, "comment.dispose")) throw new UserFacingError("修文案を反映できるのはPTメンバーだけです。", 403, "forbidden");
  const row = await queryOne<Acceptable>(
    db,
    `SELECT id, draft_id AS "draftId", clause_id AS "clauseId", kind, suggestion, range_text AS "rangeText", parent_id AS "parentId",
            deleted_at IS NOT NULL AS deleted, hidden_at IS NOT NULL AS hidden, accepted_at AS "acceptedAt", accepted_previous AS "acceptedPrevious"
       FROM comments WHERE id = $1`,
    [id],
  );
  if (!row) throw new UserFacingError("この意見は見つかりません。", 404, "not_found");
  if (row.kind !== "suggestion" || row.parentId !== null || !row.suggestion) throw new UserFacingError("反映できるのは修文案だけです。");
  if (row.deleted || row.hidden) throw new UserFacingError("削除または非表示にされた修文案は反映できません。");
  return row;
}

/** Applies the suggested wording to the draft and marks the comment 反映. */
export async function acceptSuggestion(db: Database, actor: CommentActor, id: number): Promise<{ updateId: number | null }> {
  const row = await acceptable(db, actor, id);
  if (row.acceptedAt) throw new UserFacingError("この修文案はすでに反映されています。");
  const { updateId, value } = await editDraftOnServer(db, row.draftId, actor.id, (doc) => {
    const clause = findById(doc, row.clauseId);
    if (!clause) throw new UserFacingError("修文案の条項は削除されているため、反映できません。");
    const holder = sentenceHolder(doc, clause);
    const tr = new Transform(doc);
    if (row.rangeText) replaceInSentences(tr, holder, row.rangeText, row.suggestion!);
    else replaceSentences(tr, holder, row.suggestion!);
    const after = tr.doc.nodeAt(holder.pos)!;
    return { doc: tr.doc, value: { before: holder.node.toJSON(), holderId: holder.node.attrs.id as string, after: ownText(after) } };
  });
  await db.query(
    `UPDATE comments SET accepted_by = $2, accepted_at = now(), accepted_previous = $3, disposition = 'reflected',
            disposed_by = $2, disposed_at = now(), status = 'resolved', resolved_by = $2, resolved_at = now(), updated_at = now()
      WHERE id = $1`,
    [id, actor.id, JSON.stringify(value)],
  );
  await publishLiveEvent(db, { type: "comment.changed", draftId: row.draftId, commentId: id });
  return { updateId };
}

/** Takes an accepted suggestion back out, while the clause still reads as it was accepted. */
export async function undoAcceptance(db: Database, actor: CommentActor, id: number): Promise<void> {
  const row = await acceptable(db, actor, id);
  if (!row.acceptedAt || !row.acceptedPrevious) throw new UserFacingError("この修文案はまだ反映されていません。");
  const saved = JSON.parse(row.acceptedPrevious) as { before: unknown; holderId: string; after: string };
  await editDraftOnServer(db, row.draftId, actor.id, (doc) => {
    const holder = findById(doc, saved.holderId);
    if (!holder || ownText(holder.node) !== saved.after) {
      throw new UserFacingError("反映した後に条文が変更されているため、取り消せません。条文を直接修正してください。");
    }
    const tr = new Transform(doc);
    tr.replaceWith(holder.pos, holder.pos + holder.node.nodeSize, Node.fromJSON(ordinanceSchema, saved.before));
    return { doc: tr.doc, value: null };
  });
  await db.query(
    `UPDATE comments SET accepted_by = NULL, accepted_at = NULL, accepted_previous = NULL, disposition = NULL, response = NULL,
            disposed_by = NULL, disposed_at = NULL, status = 'open', resolved_by = NULL, resolved_at = NULL, updated_at = now()
      WHERE id = $1`,
    [id],
  );
  await publishLiveEvent(db, { type: "comment.changed", draftId: row.draftId, commentId: id });
}
