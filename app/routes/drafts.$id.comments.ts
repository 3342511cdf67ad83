import type { ActionFunctionArgs } from "@remix-run/node";
import { isUserFacingError } from "../../lib/errors";
import { COMMENT_KINDS, type CommentKind } from "../../comments/comments";
import { requireUser } from "../lib/auth.server";
import {
  acceptSuggestion,
  addClauseEvidence,
  createComment,
  deleteComment,
  disposeComment,
  editComment,
  hideComment,
  removeClauseEvidence,
  replyTo,
  setResolved,
  undoAcceptance,
} from "../lib/comments.server";
import { idParam, postOnly } from "../lib/params";

export const loader = postOnly;

// Every comment action of the draft page posts here with an `intent`. The rights are
// checked in comments/, for each action, whatever the page showed.

export type CommentActionResult = { ok: true; message: string; intent: string; commentId?: number } | { ok: false; message: string; intent: string };

const MESSAGES: Record<string, string> = {
  create: "意見を登録しました。",
  reply: "返信しました。",
  edit: "意見を修正しました。",
  delete: "意見を削除しました。",
  resolve: "解決済みにしました。",
  reopen: "未解決に戻しました。",
  dispose: "対応区分と県の考え方を保存しました。",
  hide: "意見を非表示にしました。",
  accept: "修文案を条文に反映しました。",
  undoAccept: "修文案の反映を取り消しました。",
  addEvidence: "根拠資料を付けました。",
  removeEvidence: "根拠資料を外しました。",
};

// A resource route: Remix drops the status of data() here, so refusals are plain JSON
// responses that keep theirs (403 for a right the person lacks, 400 for bad input).
function reply(result: CommentActionResult, status = 200): Response {
  return Response.json(result, { status });
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

function parseRange(raw: string) {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as { start?: unknown; end?: unknown; text?: unknown };
    return typeof value.text === "string" && value.text ? { start: value.start ?? null, end: value.end ?? null, text: value.text } : null;
  } catch {
    return null;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const db = context.services.db;
  const draftId = idParam(params.id);
  const form = await request.formData();
  const intent = text(form, "intent");
  const commentId = Number(text(form, "commentId"));
  try {
    let createdId: number | undefined;
    switch (intent) {
      case "create": {
        const kind = text(form, "kind") as CommentKind;
        const onBehalfUser = Number(text(form, "onBehalfOf"));
        const minutes = Number(text(form, "minutesRecordId"));
        ({ id: createdId } = await createComment(db, user, {
          draftId,
          clauseId: text(form, "clauseId"),
          kind: (COMMENT_KINDS as readonly string[]).includes(kind) ? kind : ("" as CommentKind),
          body: text(form, "body"),
          suggestion: text(form, "suggestion"),
          range: parseRange(text(form, "range")),
          onBehalfOf: onBehalfUser ? { userId: onBehalfUser, minutesRecordId: minutes } : null,
        }));
        break;
      }
      case "reply":
        ({ id: createdId } = await replyTo(db, user, commentId, text(form, "body")));
        break;
      case "edit":
        await editComment(db, user, commentId, { body: text(form, "body"), suggestion: text(form, "suggestion") });
        break;
      case "delete":
        await deleteComment(db, user, commentId);
        break;
      case "resolve":
      case "reopen":
        await setResolved(db, user, commentId, intent === "resolve");
        break;
      case "dispose":
        await disposeComment(db, user, commentId, { disposition: text(form, "disposition"), response: text(form, "response") });
        break;
      case "hide":
        await hideComment(db, user, commentId, text(form, "reason"));
        break;
      case "accept":
        await acceptSuggestion(db, user, commentId);
        break;
      case "undoAccept":
        await undoAcceptance(db, user, commentId);
        break;
      case "addEvidence": {
        const type = text(form, "targetType") === "decision" ? "decision" : "record";
        await addClauseEvidence(db, user, {
          draftId,
          clauseId: text(form, "clauseId"),
          target: { type, id: Number(text(form, "targetId")), anchor: text(form, "targetAnchor") || null },
          reason: text(form, "reason"),
        });
        break;
      }
      case "removeEvidence":
        await removeClauseEvidence(db, user, draftId, Number(text(form, "linkId")));
        break;
      default:
        return reply({ ok: false, intent, message: "操作が不明です。画面を再読み込みしてからやり直してください。" }, 400);
    }
    return reply({ ok: true, intent, message: MESSAGES[intent]!, commentId: createdId ?? commentId });
  } catch (error) {
    if (isUserFacingError(error)) return reply({ ok: false, intent, message: error.message }, error.status);
    throw error;
  }
}
