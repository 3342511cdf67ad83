import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Node } from "prosemirror-model";
import { Transform } from "prosemirror-transform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import * as Y from "yjs";
import { hitHref } from "../../lib/search-links";
import { createUser, findUserByLogin } from "../../auth/users";
import type { Database } from "../../db/database";
import { migrate } from "../../db/migrate";
import { openPglite } from "../../db/pglite";
import { PROSEMIRROR_FRAGMENT } from "../../collab-server/protocol";
import { createComment, deleteComment, hideComment, replyTo, type CommentActor } from "../../comments/comments";
import { clausesOf, type Clause } from "../../drafting/clauses";
import { createDraft, loadDraftDoc, updateDraftSettings } from "../../drafting/drafts";
import { editDraftOnServer } from "../../drafting/server-edit";
import { appendUpdate, compact, loadState } from "../../drafting/store";
import { buildArticle, buildDoc, ensureIds, ordinanceSchema } from "../../ordinance/model";
import type { SearchEngine, SearchHit } from "../../search/engine";
import { SearchIndexer } from "../../search/indexer";
import { seed } from "../../seeds";
import { SEARCH_SOURCES } from "../../server/search-sources";
import { runCli } from "../support/cli";
import { backends, type TestDatabase } from "../support/db";
import { engineFactories } from "../support/search-engines";

// A draft's clauses and the comments on them are found like records: by their words, at the
// address the clause has now, opening the draft at the clause or the comment's thread.
// Deleted and hidden comments are never found. Runs on every engine and database.

const matrix = engineFactories.flatMap((engine) =>
  (engine.name === "postgres" ? backends : backends.filter((b) => b.name === "pglite")).map((backend) => ({
    label: `${engine.name} on ${backend.name}`,
    engine,
    backend,
  })),
);

describe.each(matrix)("drafts and comments in search: $label", ({ engine: factory, backend }) => {
  let t: TestDatabase;
  let engine: SearchEngine & { dispose?: () => Promise<void> };
  let indexer: SearchIndexer;
  let draftId: number;
  const as: Record<string, CommentActor> = {};

  async function clauses(): Promise<Clause[]> {
    const { draft, doc } = await loadDraftDoc(t.db, draftId);
    return [...clausesOf(doc, draft.numberingStyle).values()];
  }
  async function clauseWith(words: string, kind: Clause["kind"]): Promise<Clause> {
    const found = (await clauses()).find((c) => c.kind === kind && c.text.includes(words));
    if (!found) throw new Error(`no ${kind} reads ${words}`);
    return found;
  }
  /** What a search finds in this test's draft, once the indexer has caught up. */
  async function hitsFor(query: string, kind?: "clause" | "comment"): Promise<SearchHit[]> {
    await indexer.drain();
    const result = await engine.search({ query, pageSize: 100, filters: kind ? { kinds: [kind] } : {} });
    return result.hits.filter((h) => h.draftId === draftId);
  }

  /** Stores a change the way an editor's keystrokes are stored: appended to the log, nothing more. */
  async function typeInEditor(userId: number, change: (doc: Node) => Node): Promise<void> {
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, (await loadState(t.db, draftId))!);
    const fragment = ydoc.getXmlFragment(PROSEMIRROR_FRAGMENT);
    const before = Y.encodeStateVector(ydoc);
    const next = change(yXmlFragmentToProseMirrorRootNode(fragment, ordinanceSchema));
    ydoc.transact(() => updateYFragment(ydoc, fragment, next, { mapping: new Map(), isOMark: new Map() }));
    await appendUpdate(t.db, draftId, Y.encodeStateAsUpdate(ydoc, before), userId);
  }

  function insertArticleFirst(doc: Node, caption: string, sentence: string): Node {
    let first = -1;
    doc.descendants((node, pos) => {
      if (first < 0 && node.type.name === "article") first = pos;
      return first < 0;
    });
    return ensureIds(new Transform(doc).insert(first, buildArticle({ caption, paragraphs: [sentence] })).doc);
  }

  beforeAll(async () => {
    t = await backend.create();
    await seed(t.db);
    for (const login of ["pt1", "study1", "study2", "admin"]) {
      const user = (await findUserByLogin(t.db, login))!;
      as[login] = { id: user.id, role: user.role, active: true, displayName: user.displayName };
    }
    const doc = ensureIds(
      buildDoc({
        title: "見守りネットワーク試行条例",
        main: [
          { caption: "目的", paragraphs: ["この条例は、地域の見守り活動を広げることを目的とする。"] },
          { caption: "県の責務", paragraphs: ["県は、見守り活動に必要な施策を実施する。", "県は、民生委員及び自治会と協力して訪問を行う。"] },
        ],
      }),
    );
    draftId = await createDraft(t.db, { title: "見守りネットワーク試行条例", doc }, as.pt1!.id);
    engine = await factory.create(t.db);
    indexer = new SearchIndexer(t.db, engine, SEARCH_SOURCES);
  });
  afterAll(async () => {
    await engine?.dispose?.();
    await t?.drop();
  });

  it("finds a clause by its words, at its address, opening the draft at the clause", async () => {
    const paragraph = await clauseWith("民生委員及び自治会", "paragraph");
    const [hit, ...others] = await hitsFor("民生委員 自治会", "clause");
    expect(others).toEqual([]);
    expect(hit).toMatchObject({ sourceType: "clause", kind: "clause", locator: paragraph.address, anchor: paragraph.id, draftId });
    expect(hit!.title.text).toBe("見守りネットワーク試行条例");
    expect(hitHref(hit!)).toBe(`/drafts/${draftId}#${paragraph.id}`);
  });

  it("finds an article of one paragraph once, as the article", async () => {
    const article = await clauseWith("地域の見守り活動を広げる", "article");
    const hits = await hitsFor("地域の見守り活動", "clause");
    expect(hits.map((h) => [h.locator, h.anchor])).toEqual([[article.address, article.id]]);
    expect((await hitsFor("県の責務", "clause")).map((h) => h.locator)).toEqual([(await clauseWith("県の責務", "article")).address]);
  });

  it("finds a clause by its address, written in either numbering style", async () => {
    const paragraph = await clauseWith("民生委員及び自治会", "paragraph");
    expect(paragraph.address).toBe("第2条第2項");
    for (const query of ["第2条第2項", "第二条第二項"]) {
      const hits = await hitsFor(query, "clause");
      expect(hits.map((h) => h.anchor), query).toEqual([paragraph.id]);
      expect(hits[0]!.snippet.text, query).toContain("第2条第2項");
    }
    // The article's caption, and each of its paragraphs, cite 第2条.
    expect((await hitsFor("第2条", "clause")).map((h) => h.locator).sort()).toEqual(["第2条", "第2条第1項", "第2条第2項"]);
  });

  it("does not make every clause a hit for a word of the draft's title", async () => {
    expect(await hitsFor("ネットワーク試行", "clause")).toEqual([]);
  });

  it("finds a comment by its body and its suggested wording, at its clause, opening its thread", async () => {
    const paragraph = await clauseWith("民生委員及び自治会", "paragraph");
    const { id } = await createComment(t.db, as.study1!, { draftId, clauseId: paragraph.id, kind: "comment", body: "訪問の担い手に社会福祉協議会も加えてください。" });
    const suggestion = await createComment(t.db, as.study2!, {
      draftId,
      clauseId: paragraph.id,
      kind: "suggestion",
      body: "担い手を広げるためです。",
      suggestion: "県は、民生委員、自治会及びボランティア団体と協力して訪問を行う。",
    });
    const [hit] = await hitsFor("社会福祉協議会", "comment");
    expect(hit).toMatchObject({ sourceType: "comment", sourceId: id, kind: "comment", locator: paragraph.address, draftId });
    expect(hitHref(hit!)).toBe(`/drafts/${draftId}#comment-${id}`);
    expect((await hitsFor("ボランティア団体", "comment")).map((h) => h.sourceId)).toEqual([suggestion.id]);
  });

  it("names a comment's hit by the draft's new title once the draft is renamed", async () => {
    const paragraph = await clauseWith("必要な施策", "paragraph");
    const { id } = await createComment(t.db, as.study1!, { draftId, clauseId: paragraph.id, kind: "question", body: "財源の見通しを示してください。" });
    expect((await hitsFor("財源の見通し", "comment")).map((h) => h.title.text)).toEqual(["見守りネットワーク試行条例"]);
    await updateDraftSettings(t.db, draftId, { title: "見守りネットワーク条例", numberingStyle: "horizontal" });
    const [hit] = await hitsFor("財源の見通し", "comment");
    expect(hit).toMatchObject({ sourceId: id, title: { text: "見守りネットワーク条例" } });
    await updateDraftSettings(t.db, draftId, { title: "見守りネットワーク試行条例", numberingStyle: "horizontal" });
    expect((await hitsFor("財源の見通し", "comment")).map((h) => h.title.text)).toEqual(["見守りネットワーク試行条例"]);
  });

  it("follows renumbering once the editor's log is compacted, for clauses and their comments", async () => {
    const paragraph = await clauseWith("民生委員及び自治会", "paragraph");
    const [before] = await hitsFor("民生委員 自治会", "clause");
    await typeInEditor(as.pt1!.id, (doc) => insertArticleFirst(doc, "基本理念", "誰一人取り残さない地域をつくる。"));
    // A keystroke alone does not reach the outbox; the compaction that follows does.
    const waiting = () => t.db.query("SELECT 1 FROM search_outbox WHERE source_type = 'draft' AND source_id = $1", [draftId]);
    expect(await waiting()).toEqual([]);
    await compact(t.db, draftId);
    expect((await waiting()).length).toBeGreaterThan(0);

    const moved = (await clauses()).find((c) => c.id === paragraph.id)!;
    expect(moved.address).not.toBe(before!.locator);
    const [after] = await hitsFor("民生委員 自治会", "clause");
    expect(after).toMatchObject({ locator: moved.address, anchor: paragraph.id });
    expect((await hitsFor("社会福祉協議会", "comment")).map((h) => h.locator)).toEqual([moved.address]);
    expect((await hitsFor("誰一人取り残さない", "clause")).map((h) => h.locator)).toEqual([(await clauseWith("誰一人取り残さない", "article")).address]);
  });

  it("follows a server edit without waiting for a compaction", async () => {
    await editDraftOnServer(t.db, draftId, as.pt1!.id, (doc) => ({ doc: insertArticleFirst(doc, "定義", "この条例で居場所とは、安心して過ごせる場所をいう。"), value: null }));
    const article = await clauseWith("安心して過ごせる場所", "article");
    expect((await hitsFor("安心して過ごせる場所", "clause")).map((h) => [h.locator, h.anchor])).toEqual([[article.address, article.id]]);
  });

  it("never finds a hidden comment, nor the replies in its thread, and drops what was indexed", async () => {
    const paragraph = await clauseWith("必要な施策", "paragraph");
    const { id } = await createComment(t.db, as.study1!, { draftId, clauseId: paragraph.id, kind: "comment", body: "担当課の個人名を挙げた不適切な書き込み。" });
    const reply = await replyTo(t.db, as.pt1!, id, "個人名の件は事務局で確認します。");
    expect((await hitsFor("個人名", "comment")).map((h) => h.sourceId).sort()).toEqual([id, reply.id].sort());
    await hideComment(t.db, as.admin!, id, "個人名が含まれているため");
    expect(await hitsFor("個人名", "comment")).toEqual([]);
    expect(await hitsFor("不適切な書き込み")).toEqual([]);
  });

  it("never finds a deleted comment", async () => {
    const paragraph = await clauseWith("必要な施策", "paragraph");
    const { id } = await createComment(t.db, as.study2!, { draftId, clauseId: paragraph.id, kind: "question", body: "予算の見込みを教えてください。" });
    expect((await hitsFor("予算の見込み", "comment")).map((h) => h.sourceId)).toEqual([id]);
    await deleteComment(t.db, as.study2!, id);
    expect(await hitsFor("予算の見込み")).toEqual([]);
  });

  it("rebuilds clauses and comments, and still leaves hidden ones out, on a full reindex", async () => {
    await indexer.reindex();
    const paragraph = await clauseWith("民生委員及び自治会", "paragraph");
    expect((await hitsFor("民生委員 自治会", "clause")).map((h) => h.locator)).toEqual([paragraph.address]);
    expect((await hitsFor("社会福祉協議会", "comment")).map((h) => h.locator)).toEqual([paragraph.address]);
    expect(await hitsFor("個人名")).toEqual([]);
    expect(await hitsFor("予算の見込み")).toEqual([]);
    // The seeded draft is indexed too, beside the records that mention the same words.
    const { hits } = await engine.search({ query: "ヤングケアラー", pageSize: 100 });
    const kinds = new Set(hits.map((h) => h.kind));
    expect(kinds).toContain("clause");
    expect(kinds).toContain("survey");
  });
});

describe.each(backends)("kizuna reindex and search on $name", (backend) => {
  let env: Record<string, string>;
  let cleanUp: () => Promise<void>;
  let written: { draftId: number; clauseId: string; commentId: number };

  /** A draft with a comment, whose outbox rows are gone: only a rebuild can index them. */
  async function write(db: Database) {
    const member = await createUser(db, { login: "mori", role: "study", password: "kizuna-mori-pass" });
    const doc = ensureIds(buildDoc({ title: "居場所づくり条例", main: [{ caption: "目的", paragraphs: ["この条例は、子ども食堂の運営を支えることを目的とする。"] }] }));
    const draftId = await createDraft(db, { title: "居場所づくり条例", doc }, null);
    const { draft, doc: stored } = await loadDraftDoc(db, draftId);
    const clauseId = [...clausesOf(stored, draft.numberingStyle).keys()][0]!;
    const actor = { id: member.id, role: member.role, active: true };
    const { id: commentId } = await createComment(db, actor, { draftId, clauseId, kind: "comment", body: "フードバンクとの連携も書いてください。" });
    await db.query("DELETE FROM search_outbox");
    return { draftId, clauseId, commentId };
  }

  beforeAll(async () => {
    if (backend.name === "pglite") {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), "kizuna-reindex-"));
      const db = await openPglite(path.join(dataDir, "pgdata"));
      await migrate(db);
      written = await write(db);
      await db.close();
      env = { KIZUNA_DATA_DIR: dataDir };
      cleanUp = () => rm(dataDir, { recursive: true, force: true });
    } else {
      const t = await backend.create();
      written = await write(t.db);
      env = { DATABASE_URL: t.url! };
      cleanUp = () => t.drop();
    }
  });
  afterAll(() => cleanUp?.());

  it("rebuilds the index with the clauses of drafts and their comments, and the search names where each opens", async () => {
    const reindex = await runCli(["reindex", "--json"], env);
    expect(reindex.code, reindex.stderr).toBe(0);
    expect(JSON.parse(reindex.stdout).sources).toBeGreaterThanOrEqual(2);
    const found = await runCli(["search", "子ども食堂 OR フードバンク", "--json"], env);
    expect(found.code, found.stderr).toBe(0);
    const hits = (JSON.parse(found.stdout) as { hits: { kind: string; kindLabel: string; href: string; locator: string }[] }).hits;
    expect(hits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "clause", kindLabel: "条例案", href: `/drafts/${written.draftId}#${written.clauseId}`, locator: "第1条" }),
        expect.objectContaining({ kind: "comment", kindLabel: "意見", href: `/drafts/${written.draftId}#comment-${written.commentId}`, locator: "第1条" }),
      ]),
    );
    const text = await runCli(["search", "フードバンク"], env);
    expect(text.stdout).toContain(`[意見] 居場所づくり条例 › 第1条  /drafts/${written.draftId}#comment-${written.commentId}`);
  });
});
