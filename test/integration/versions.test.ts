import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserByLogin } from "../../auth/users";
import { createDraft, loadDraftDoc } from "../../drafting/drafts";
import { listVersions, loadComparedText, loadVersionDoc, restoreVersion, saveVersion } from "../../drafting/versions";
import { docToText } from "../../ordinance/formats/text";
import { createComment, disposeComment, type CommentActor } from "../../comments/comments";
import { listThreads } from "../../comments/threads";
import { responseTable } from "../../comments/response-table";
import { clausesOf } from "../../drafting/clauses";
import { ensureIds } from "../../ordinance/model";
import { seed } from "../../seeds";
import { backends, type TestDatabase } from "../support/db";
import { replaceWords } from "../support/workspace";
import { firstDraft } from "../unit/ordinance/compare/fixtures";

// Versions are immutable snapshots of the stored text; restoring one is a new change on top
// of the current text, and the text it replaces is kept as a version of its own.

describe.each(backends)("draft versions on $name", (backend) => {
  let t: TestDatabase;
  let draftId: number;
  let otherDraftId: number;
  let pt1: number;

  /** Replaces the first occurrence of `from` in the draft's text, as an editor would. */
  const currentText = async (id = draftId) => {
    const { draft, doc } = await loadDraftDoc(t.db, id);
    return docToText(doc, draft.numberingStyle);
  };

  beforeAll(async () => {
    t = await backend.create();
    await seed(t.db);
    pt1 = (await findUserByLogin(t.db, "pt1"))!.id;
    draftId = await createDraft(t.db, { title: "鳥取県孤独・孤立対策推進条例", doc: ensureIds(firstDraft()) }, pt1);
    otherDraftId = await createDraft(t.db, { title: "別の条例", doc: ensureIds(firstDraft()) }, pt1);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("keeps a saved version as it was, whatever happens to the draft afterwards", async () => {
    const first = await saveVersion(t.db, draftId, { label: " 第1次案 ", note: "PT会議に出す案" }, pt1);
    expect(first).toMatchObject({ label: "第1次案", note: "PT会議に出す案", draftId, createdBy: expect.any(String) });
    const textThen = await currentText();
    await replaceWords(t.db, draftId, pt1, "市町村が実施する", "市町村及び関係団体が実施する");
    expect(await currentText()).toContain("市町村及び関係団体が実施する");
    const { doc, version } = await loadVersionDoc(t.db, first.id);
    expect(docToText(doc, version.numberingStyle)).toBe(textThen);
    // Not even the database lets a version change.
    await expect(t.db.query("UPDATE draft_versions SET label = 'x' WHERE id = $1", [first.id])).rejects.toThrow(/immutable/);
  });

  it("refuses a second version of the same name, and an empty name, with a reason", async () => {
    await expect(saveVersion(t.db, draftId, { label: "第1次案" }, pt1)).rejects.toThrow(/「第1次案」という版はもうあります/);
    await expect(saveVersion(t.db, draftId, { label: "  " }, pt1)).rejects.toThrow(/版の名前を入力してください/);
    // The same name on another draft is fine.
    await expect(saveVersion(t.db, otherDraftId, { label: "第1次案" }, pt1)).resolves.toMatchObject({ draftId: otherDraftId });
    expect((await listVersions(t.db, draftId)).map((v) => v.label)).toEqual(["第1次案"]);
  });

  it("restores a version as a new change, after keeping the replaced text as a version", async () => {
    const [first] = await listVersions(t.db, draftId);
    const edited = await currentText();
    const kept = await restoreVersion(t.db, draftId, first!.id, pt1);
    expect(kept!.label).toMatch(/^「第1次案」に戻す前の条文（/);
    expect(await currentText()).toBe(docToText((await loadVersionDoc(t.db, first!.id)).doc, "horizontal"));
    expect(docToText((await loadVersionDoc(t.db, kept!.id)).doc, "horizontal")).toBe(edited);
    // The node ids come back with the text, so comments find their clauses again.
    const ids = (doc: Awaited<ReturnType<typeof loadDraftDoc>>["doc"]) => {
      const found: string[] = [];
      doc.descendants((node) => void (node.attrs.id && found.push(node.attrs.id as string)));
      return found;
    };
    expect(ids((await loadDraftDoc(t.db, draftId)).doc)).toEqual(ids((await loadVersionDoc(t.db, first!.id)).doc));
    // Restoring what is already there changes nothing and saves nothing.
    expect(await restoreVersion(t.db, draftId, first!.id, pt1)).toBeNull();
    expect((await listVersions(t.db, draftId)).length).toBe(2);
  });

  it("compares only texts of the same draft", async () => {
    const [other] = await listVersions(t.db, otherDraftId);
    await expect(loadComparedText(t.db, draftId, other!.id)).rejects.toThrow(/別の条例案/);
    await expect(restoreVersion(t.db, draftId, other!.id, pt1)).rejects.toThrow(/別の条例案/);
    await expect(loadComparedText(t.db, draftId, 999_999)).rejects.toThrow(/版 999999 は見つかりません/);
    expect((await loadComparedText(t.db, draftId, "current")).label).toBe("現在の条文");
  });

  it("tells which version a comment was written against and in which it was settled, and tables them per version", async () => {
    const user = async (login: string): Promise<CommentActor> => {
      const u = (await findUserByLogin(t.db, login))!;
      return { id: u.id, role: u.role, active: true, displayName: u.displayName };
    };
    const [pt, study] = [await user("pt1"), await user("study1")];
    const fresh = await createDraft(t.db, { title: "版と意見", doc: ensureIds(firstDraft()) }, pt1);
    const { draft, doc } = await loadDraftDoc(t.db, fresh);
    const clause = [...clausesOf(doc, draft.numberingStyle).values()].find((c) => c.address === "第3条第2項")!;
    const early = await createComment(t.db, study, { draftId: fresh, clauseId: clause.id, kind: "comment", body: "版を保存する前の意見です。" });
    const first = await saveVersion(t.db, fresh, { label: "第1次案" }, pt1);
    const later = await createComment(t.db, study, { draftId: fresh, clauseId: clause.id, kind: "comment", body: "関係団体も加えてください。" });
    await saveVersion(t.db, fresh, { label: "第2次案" }, pt1);
    await disposeComment(t.db, pt, later.id, { disposition: "reflected", response: "第2次案で加えました。" });

    const threads = await listThreads(t.db, pt, fresh);
    const byId = (id: number) => threads.find((th) => th.id === id)!;
    expect(byId(early.id)).toMatchObject({ version: null, settledVersion: null });
    expect(byId(later.id)).toMatchObject({ version: "第1次案", versionId: first.id, settledVersion: "第2次案" });

    const table = await responseTable(t.db, pt, fresh, { versionId: first.id });
    expect(table.rows.map((r) => r.commentId)).toEqual([later.id]);
    expect(table.versionLabel).toBe("第1次案に対する意見");
    const [other] = await listVersions(t.db, otherDraftId);
    await expect(responseTable(t.db, pt, fresh, { versionId: other!.id })).rejects.toThrow(/この条例案に版 \d+ はありません/);
  });
});
