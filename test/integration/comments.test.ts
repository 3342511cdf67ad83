import { Transform } from "prosemirror-transform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserByLogin } from "../../auth/users";
import { acceptSuggestion, undoAcceptance } from "../../comments/accept";
import { clausesOf, type Clause } from "../../drafting/clauses";
import { createComment, deleteComment, disposeComment, editComment, hideComment, replyTo, setResolved } from "../../comments/comments";
import { listThreads } from "../../comments/threads";
import { addClauseEvidence, clauseEvidence, nameClauseEnds, removeClauseEvidence } from "../../comments/evidence";
import { linksTo } from "../../knowledge/links";
import { createDraft, loadDraftDoc } from "../../drafting/drafts";
import { editDraftOnServer } from "../../drafting/server-edit";
import { buildArticle, buildDoc, ensureIds } from "../../ordinance/model";
import type { CommentActor } from "../../comments/comments";
import { seed } from "../../seeds";
import { backends, type TestDatabase } from "../support/db";

// Comments point at clauses by id and must never come loose: not through renumbering, not
// through moves, not when the clause is deleted. Every action checks its right on the server.

describe.each(backends)("clause comments on $name", (backend) => {
  let t: TestDatabase;
  let draftId: number;
  let otherDraftId: number;
  const as: Record<string, CommentActor> = {};

  async function clauses(id = draftId): Promise<Map<string, Clause>> {
    const { draft, doc } = await loadDraftDoc(t.db, id);
    return clausesOf(doc, draft.numberingStyle);
  }
  async function clauseAt(address: string): Promise<Clause> {
    const found = [...(await clauses()).values()].find((c) => c.address === address);
    if (!found) throw new Error(`no clause ${address}`);
    return found;
  }
  async function thread(id: number) {
    return (await listThreads(t.db, as.pt1!, draftId)).find((c) => c.id === id)!;
  }

  beforeAll(async () => {
    t = await backend.create();
    await seed(t.db);
    for (const login of ["pt1", "pt2", "study1", "study2", "staff1", "admin"]) {
      const user = (await findUserByLogin(t.db, login))!;
      as[login] = { id: user.id, role: user.role, active: true, displayName: user.displayName };
    }
    const doc = ensureIds(
      buildDoc({
        title: "試験条例",
        main: [
          { caption: "目的", paragraphs: ["この条例は、孤独・孤立の防止を目的とする。"] },
          {
            caption: "定義",
            paragraphs: [
              { sentences: ["この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。"], items: [{ sentences: ["孤独　一人でいること。"] }, { sentences: ["孤立　つながりがないこと。"] }] },
            ],
          },
          { caption: "県の責務", paragraphs: ["県は、施策を実施する。", "県は、市町村と連携する。"] },
        ],
      }),
    );
    draftId = await createDraft(t.db, { title: "試験条例", doc }, as.pt1!.id);
    otherDraftId = await createDraft(t.db, { title: "別の条例", doc: ensureIds(buildDoc({ title: "別", main: [{ paragraphs: ["別の本文。"] }] })) }, as.pt1!.id);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("keeps a comment on its paragraph through renumbering, and says where it was written", async () => {
    const paragraph = await clauseAt("第3条第2項");
    const { id } = await createComment(t.db, as.study1!, { draftId, clauseId: paragraph.id, kind: "comment", body: "連携の相手に社会福祉協議会も加えてください。" });
    // A new article before 第1条 shifts every number by one.
    await editDraftOnServer(t.db, draftId, as.pt1!.id, (doc) => {
      const tr = new Transform(doc);
      let first = -1;
      doc.descendants((node, pos) => {
        if (first < 0 && node.type.name === "article") first = pos;
        return first < 0;
      });
      tr.insert(first, buildArticle({ caption: "基本理念", paragraphs: ["誰一人取り残さない。"] }));
      return { doc: ensureIds(tr.doc), value: null };
    });
    const view = await thread(id);
    expect(view.address).toBe("第4条第2項");
    expect(view.writtenAddress).toBe("第3条第2項");
    expect(view.writtenQuote).toBe("県は、市町村と連携する。");
    expect(view.clauseDeleted).toBe(false);
  });

  it("keeps a comment visible under the last address and quote when its clause is deleted", async () => {
    const item = await clauseAt("第3条第1項第2号");
    const { id } = await createComment(t.db, as.study2!, { draftId, clauseId: item.id, kind: "question", body: "「つながり」の定義はありますか。" });
    await editDraftOnServer(t.db, draftId, as.pt2!.id, (doc) => {
      let at = -1;
      let size = 0;
      doc.descendants((node, pos) => {
        if (node.attrs.id === item.id) {
          at = pos;
          size = node.nodeSize;
        }
        return at < 0;
      });
      return { doc: new Transform(doc).delete(at, at + size).doc, value: null };
    });
    const view = await thread(id);
    expect(view.clauseDeleted).toBe(true);
    expect(view.address).toBe("第3条第1項第2号");
    expect(view.writtenQuote).toBe("孤立　つながりがないこと。");
    expect(view.body).toBe("「つながり」の定義はありますか。");
  });

  it("applies exactly the suggested wording when the PT accepts it, and can take it back", async () => {
    const paragraph = await clauseAt("第4条第1項");
    const { id } = await createComment(t.db, as.study1!, {
      draftId,
      clauseId: paragraph.id,
      kind: "suggestion",
      body: "県の役割を具体的に書いてください。",
      suggestion: "県は、孤独・孤立対策に関する施策を総合的に策定し、実施する。",
    });
    await expect(acceptSuggestion(t.db, as.study1!, id)).rejects.toMatchObject({ status: 403 });
    await acceptSuggestion(t.db, as.pt1!, id);
    expect((await clauses()).get(paragraph.id)!.text).toBe("県は、孤独・孤立対策に関する施策を総合的に策定し、実施する。");
    const accepted = await thread(id);
    expect(accepted.disposition).toBe("reflected");
    expect(accepted.status).toBe("resolved");
    await expect(acceptSuggestion(t.db, as.pt1!, id)).rejects.toThrow("すでに反映");
    await undoAcceptance(t.db, as.pt2!, id);
    expect((await clauses()).get(paragraph.id)!.text).toBe("県は、施策を実施する。");
    expect((await thread(id)).disposition).toBeNull();
  });

  it("applies a suggestion for a selected range to that range only", async () => {
    const paragraph = await clauseAt("第4条第2項");
    const { id } = await createComment(t.db, as.study2!, {
      draftId,
      clauseId: paragraph.id,
      kind: "suggestion",
      body: "相手を広げてください。",
      suggestion: "市町村及び関係機関",
      range: { start: null, end: null, text: "市町村" },
    });
    await acceptSuggestion(t.db, as.pt2!, id);
    expect((await clauses()).get(paragraph.id)!.text).toBe("県は、市町村及び関係機関と連携する。");
  });

  it("threads replies, keeps edits in history and withdraws a deleted comment's text", async () => {
    const article = await clauseAt("第2条");
    const { id } = await createComment(t.db, as.study1!, { draftId, clauseId: article.id, kind: "comment", body: "理念に当事者参加を入れてください。@pt1" });
    await replyTo(t.db, as.pt1!, id, "次の案で検討します。");
    await editComment(t.db, as.study1!, id, { body: "理念に当事者の参加を明記してください。" });
    await expect(editComment(t.db, as.study2!, id, { body: "書き換え" })).rejects.toMatchObject({ status: 403 });
    const [mention] = await t.db.query<{ userId: number }>(`SELECT user_id AS "userId" FROM notifications WHERE comment_id = $1`, [id]);
    expect(mention?.userId).toBe(as.pt1!.id);
    let view = await thread(id);
    expect(view.body).toBe("理念に当事者の参加を明記してください。");
    expect(view.edited).toBe(true);
    expect(view.replies.map((r) => r.body)).toEqual(["次の案で検討します。"]);
    await deleteComment(t.db, as.study1!, id);
    view = await thread(id);
    expect(view.deleted).toBe(true);
    expect(view.body).toBe("");
    expect(view.replies).toHaveLength(1);
  });

  it("enforces who may do what, for every action", async () => {
    const clause = await clauseAt("第1条");
    const { id } = await createComment(t.db, as.study1!, { draftId, clauseId: clause.id, kind: "comment", body: "目的に家族を含めてください。" });
    // Staff read only, unless recording a member's words from the minutes.
    await expect(createComment(t.db, as.staff1!, { draftId, clauseId: clause.id, kind: "comment", body: "職員の意見" })).rejects.toMatchObject({ status: 403 });
    await expect(createComment(t.db, as.admin!, { draftId, clauseId: clause.id, kind: "comment", body: "管理者の意見" })).rejects.toMatchObject({ status: 403 });
    const [minutes] = await t.db.query<{ id: number }>("SELECT id FROM records WHERE kind = 'minutes' ORDER BY id LIMIT 1");
    const onBehalf = await createComment(t.db, as.staff1!, {
      draftId,
      clauseId: clause.id,
      kind: "comment",
      body: "（会議での発言）目的をわかりやすく。",
      onBehalfOf: { userId: as.study2!.id, minutesRecordId: minutes!.id },
    });
    expect((await thread(onBehalf.id)).onBehalfOf?.id).toBe(as.study2!.id);
    await expect(
      createComment(t.db, as.study1!, { draftId, clauseId: clause.id, kind: "comment", body: "なりすまし", onBehalfOf: { userId: as.study2!.id, minutesRecordId: minutes!.id } }),
    ).rejects.toMatchObject({ status: 403 });
    // Dispositions: the PT only.
    for (const who of ["study1", "staff1", "admin"]) {
      await expect(disposeComment(t.db, as[who]!, id, { disposition: "reflected", response: "反映します。" })).rejects.toMatchObject({ status: 403 });
    }
    // Resolving: the PT any thread, a member their own only; the member it was recorded for counts as its own.
    await expect(setResolved(t.db, as.study2!, id, true)).rejects.toMatchObject({ status: 403 });
    await setResolved(t.db, as.study1!, id, true);
    await setResolved(t.db, as.pt2!, id, false);
    await setResolved(t.db, as.study2!, onBehalf.id, true);
    await disposeComment(t.db, as.pt1!, id, { disposition: "partly", response: "家族等を含める方向で検討します。" });
    const disposed = await thread(id);
    expect([disposed.disposition, disposed.response, disposed.status]).toEqual(["partly", "家族等を含める方向で検討します。", "resolved"]);
    // Hiding: an admin only, with a reason kept in the audit trail; other readers no longer see the text.
    await expect(hideComment(t.db, as.pt1!, id, "不適切")).rejects.toMatchObject({ status: 403 });
    await hideComment(t.db, as.admin!, id, "個人情報を含むため");
    expect((await listThreads(t.db, as.study2!, draftId)).find((c) => c.id === id)!.body).toBe("");
    expect((await listThreads(t.db, as.admin!, draftId)).find((c) => c.id === id)!.hidden?.reason).toBe("個人情報を含むため");
    const [audit] = await t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE target = $1", [`comment:${id}`]);
    expect(audit?.action).toBe("comment.hide");
  });

  it("refuses bad input with a clear message and stores nothing", async () => {
    const clause = await clauseAt("第1条");
    const before = await t.db.query("SELECT id FROM comments");
    await expect(createComment(t.db, as.study1!, { draftId, clauseId: clause.id, kind: "comment", body: "   " })).rejects.toThrow("意見の本文が空です");
    await expect(createComment(t.db, as.study1!, { draftId, clauseId: clause.id, kind: "comment", body: "あ".repeat(4001) })).rejects.toThrow("4,000字以内");
    await expect(createComment(t.db, as.study1!, { draftId, clauseId: "no-such-clause", kind: "comment", body: "意見" })).rejects.toThrow("この条例案にありません");
    const foreign = [...(await clauses(otherDraftId)).values()][0]!;
    await expect(createComment(t.db, as.study1!, { draftId, clauseId: foreign.id, kind: "comment", body: "意見" })).rejects.toThrow("この条例案にありません");
    await expect(createComment(t.db, as.study1!, { draftId, clauseId: clause.id, kind: "suggestion", body: "修文" })).rejects.toThrow("修文案の文言が空です");
    await expect(createComment(t.db, as.study1!, { draftId, clauseId: clause.id, kind: "other" as never, body: "意見" })).rejects.toThrow("意見の種類");
    await expect(disposeComment(t.db, as.pt1!, 999_999, { disposition: "reflected", response: "" })).rejects.toMatchObject({ status: 404 });
    expect(await t.db.query("SELECT id FROM comments")).toEqual(before);
  });

  it("filters threads: open, mine, kind and disposition", async () => {
    const all = await listThreads(t.db, as.pt1!, draftId);
    const mine = await listThreads(t.db, as.study2!, draftId, { mineOf: as.study2!.id });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.author.id === as.study2!.id || c.onBehalfOf?.id === as.study2!.id || c.replies.some((r) => r.author.id === as.study2!.id))).toBe(true);
    expect(mine.length).toBeLessThan(all.length);
    const questions = await listThreads(t.db, as.pt1!, draftId, { kind: "question" });
    expect(questions.map((c) => c.kind)).toEqual(["question"]);
    const open = await listThreads(t.db, as.pt1!, draftId, { status: "open" });
    expect(open.every((c) => c.status === "open")).toBe(true);
    const undecided = await listThreads(t.db, as.pt1!, draftId, { disposition: "none" });
    expect(undecided.every((c) => c.disposition === null)).toBe(true);
    expect(undecided.length).toBeLessThan(all.length);
  });
});

describe.each(backends)("clause evidence on $name", (backend) => {
  let t: TestDatabase;
  const as: Record<string, CommentActor> = {};
  let draftId: number;
  let clauseId: string;

  beforeAll(async () => {
    t = await backend.create();
    await seed(t.db);
    for (const login of ["pt1", "study1", "staff1"]) {
      const user = (await findUserByLogin(t.db, login))!;
      as[login] = { id: user.id, role: user.role, active: true };
    }
    draftId = await createDraft(t.db, { title: "根拠の試験", doc: ensureIds(buildDoc({ title: "根拠", main: [{ paragraphs: ["県は、実態を把握する。"] }] })) }, as.pt1!.id);
    const { draft, doc } = await loadDraftDoc(t.db, draftId);
    clauseId = [...clausesOf(doc, draft.numberingStyle).values()].find((c) => c.kind === "paragraph")!.id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("links a clause to a record's part with a reason, shown on both sides, and refuses study members", async () => {
    const [survey] = await t.db.query<{ id: number; anchor: string; locator: string }>(
      `SELECT r.id, s.anchor, s.locator FROM records r JOIN record_sections s ON s.record_id = r.id WHERE r.kind = 'survey' ORDER BY r.id, s.position LIMIT 1`,
    );
    const target = { type: "record" as const, id: survey!.id, anchor: survey!.anchor };
    await expect(addClauseEvidence(t.db, as.study1!, { draftId, clauseId, target, reason: "調査結果" })).rejects.toMatchObject({ status: 403 });
    await expect(addClauseEvidence(t.db, as.pt1!, { draftId, clauseId: "missing", target, reason: "" })).rejects.toThrow("この条例案にありません");
    await addClauseEvidence(t.db, as.staff1!, { draftId, clauseId, target, reason: "実態把握の根拠となる調査" });
    const evidence = await clauseEvidence(t.db, draftId);
    expect(evidence[clauseId]!.map((l) => [l.other.id, l.other.partLabel, l.reason])).toEqual([[survey!.id, survey!.locator, "実態把握の根拠となる調査"]]);
    // The record's backlinks name the draft.
    const backlinks = await nameClauseEnds(t.db, await linksTo(t.db, "record", survey!.id));
    const fromClause = backlinks.find((l) => l.other.type === "clause")!;
    expect([fromClause.other.title, fromClause.other.partLabel]).toEqual(["根拠の試験", "第1条第1項"]);
    await expect(removeClauseEvidence(t.db, as.study1!, draftId, evidence[clauseId]![0]!.id)).rejects.toMatchObject({ status: 403 });
    await removeClauseEvidence(t.db, as.pt1!, draftId, evidence[clauseId]![0]!.id);
    expect(await clauseEvidence(t.db, draftId)).toEqual({});
  });
});
