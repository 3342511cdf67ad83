import { readFileSync } from "node:fs";
import path from "node:path";
import { Transform } from "prosemirror-transform";
import { logIn } from "../../auth/login";
import { findUserByLogin } from "../../auth/users";
import { createComment, replyTo, type CommentActor } from "../../comments/comments";
import type { Database } from "../../db/database";
import { clausesOf } from "../../drafting/clauses";
import { createDraft, loadDraftDoc } from "../../drafting/drafts";
import { editDraftOnServer } from "../../drafting/server-edit";
import { compact } from "../../drafting/store";
import { saveVersion } from "../../drafting/versions";
import { importFile, storeFile } from "../../knowledge/import";
import { ensureIds } from "../../ordinance/model";
import { seed } from "../../seeds";
import { firstDraft } from "../unit/ordinance/compare/fixtures";

// A workspace with something of every kind in it: the seeds, a draft with a snapshot, a log
// after it and a saved version, a comment thread, an imported law with its original file, a
// binary file of every byte value, sessions and login attempts (one deleted, leaving a gap
// in its ids). Built through the real modules, as people would make it.

export interface Workspace {
  draftId: number;
  /** Demo logins and their passwords. */
  passwords: Map<string, string>;
  /** The id of the login attempt deleted after it was made: no new row may take it. */
  deletedAttemptId: number;
}

export const ORDINANCE_FIXTURE = path.resolve("test/fixtures/egov/kodoku-koritsu-jorei.xml");

export async function actor(db: Database, login: string): Promise<CommentActor> {
  const u = (await findUserByLogin(db, login))!;
  return { id: u.id, role: u.role, active: true, displayName: u.displayName };
}

/** Replaces the first occurrence of `from` in the draft's text, as an editor would. */
export async function replaceWords(db: Database, draftId: number, userId: number, from: string, to: string) {
  return editDraftOnServer(db, draftId, userId, (doc) => {
    let at = -1;
    doc.descendants((node, pos) => {
      if (at < 0 && node.isText && node.text!.includes(from)) at = pos + node.text!.indexOf(from);
      return at < 0;
    });
    if (at < 0) throw new Error(`no ${from}`);
    return { doc: new Transform(doc).replaceWith(at, at + from.length, doc.type.schema.text(to)).doc, value: null };
  });
}

export async function buildWorkspace(db: Database): Promise<Workspace> {
  const { createdUsers } = await seed(db);
  const pt = await actor(db, "pt1");
  const study = await actor(db, "study1");
  const draftId = await createDraft(db, { title: "バックアップ検証条例", doc: ensureIds(firstDraft()) }, pt.id);
  await replaceWords(db, draftId, pt.id, "市町村が実施する", "市町村及び関係団体が実施する");
  await compact(db, draftId);
  await saveVersion(db, draftId, { label: "第1次案", note: "PT会議に出す案" }, pt.id);
  await replaceWords(db, draftId, pt.id, "推進に関する計画", "推進に関する行動計画");

  const { draft, doc } = await loadDraftDoc(db, draftId);
  const clause = [...clausesOf(doc, draft.numberingStyle).values()].find((c) => c.address === "第3条第2項")!;
  const suggestion = await createComment(db, study, {
    draftId,
    clauseId: clause.id,
    kind: "suggestion",
    body: "関係団体の例を挙げてください。@pt1",
    suggestion: "県は、市町村及び社会福祉協議会等の関係団体が実施する施策を支援するものとする。",
  });
  await replyTo(db, pt, suggestion.id, "次の版で検討します。");

  const staff = await actor(db, "staff1");
  await db.transaction((tx) => importFile(tx, { fileName: "jorei.xml", bytes: readFileSync(ORDINANCE_FIXTURE) }, { actorId: staff.id }));
  const everyByte = Uint8Array.from({ length: 512 }, (_, i) => (i * 37) % 256);
  await storeFile(db, { fileName: "bytes.bin", bytes: everyByte }, staff.id);

  const passwords = new Map(createdUsers.map((u) => [u.login, u.password]));
  await logIn(db, "pt1", passwords.get("pt1")!, "192.0.2.1");
  await logIn(db, "study1", "wrong password", "192.0.2.2").catch(() => {});
  const [{ id: deletedAttemptId }] = (await db.query<{ id: number }>("DELETE FROM login_attempts WHERE id = (SELECT max(id) FROM login_attempts) RETURNING id")) as [{ id: number }];
  return { draftId, passwords, deletedAttemptId };
}
