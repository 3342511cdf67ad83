import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserByLogin } from "../../auth/users";
import { createComment } from "../../comments/comments";
import { clausesOf } from "../../drafting/clauses";
import { loadDraftDoc } from "../../drafting/drafts";
import { backends, type TestDatabase } from "../support/db";
import { Client, startHttpApp } from "../support/http-app";

describe.each(backends)("search pages on $name", (backend) => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof startHttpApp>>;
  let staff: Client;
  beforeAll(async () => {
    t = await backend.create();
    app = await startHttpApp(t.db);
    staff = await new Client(app.origin).logIn("staff1");
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("shows highlighted results with deep links, without JavaScript", async () => {
    const html = await (await staff.get(`/search?q=${encodeURIComponent("官民連携")}`)).text();
    expect(html).toContain("<mark>官民連携</mark>");
    expect(html).toMatch(/href="\/knowledge\/\d+(#[^"]+)?"/);
    expect(html).toMatch(/「官民連携」\d+件/);
  });

  it("lets a study member search, and sends a visitor to the login page", async () => {
    const study = await new Client(app.origin).logIn("study1");
    expect((await study.get("/search?q=%E7%9C%8C")).status).toBe(200);
    expect((await new Client(app.origin).get("/search?q=x")).status).toBe(302);
    expect((await new Client(app.origin).get("/api/search?q=x")).status).toBe(302);
  });

  it("narrows by an era fiscal year and explains a period it cannot read", async () => {
    const within = await (await staff.get(`/search?q=${encodeURIComponent("会議録")}&from=${encodeURIComponent("令和5年度")}&to=${encodeURIComponent("令和5年度")}`)).text();
    expect(within).toMatch(/「会議録」[1-9]\d*件/);
    const before = await (await staff.get(`/search?q=${encodeURIComponent("会議録")}&to=${encodeURIComponent("令和元年度")}`)).text();
    expect(before).toContain("「会議録」0件");
    const bad = await (await staff.get(`/search?q=a&from=${encodeURIComponent("来年の春")}`)).text();
    expect(bad).toContain("を日付として読み取れません");
  });

  it("answers the header's instant search with JSON hits that link to the part", async () => {
    const res = await staff.get(`/api/search?q=${encodeURIComponent("レスパイトケア")}`);
    const json = (await res.json()) as { total: number; hits: { href: string; title: { text: string } }[] };
    expect(json.total).toBeGreaterThan(0);
    expect(json.hits[0]!.href).toMatch(/^\/(knowledge\/\d+|decisions)/);
  });

  it("finds a record created in the form once the indexer has run", async () => {
    const res = await staff.post("/knowledge/new", { kind: "measure", title: "見守り訪問の試行", bodyText: "## 概要\n民生委員と連携した見守り訪問を試行する。" });
    expect(res.status).toBe(302);
    await app.services.search.indexer.drain();
    const json = (await (await staff.get(`/api/search?q=${encodeURIComponent("見守り訪問")}`)).json()) as { hits: { title: { text: string } }[] };
    expect(json.hits.map((h) => h.title.text)).toContain("見守り訪問の試行");
  });

  it("lists a draft's clauses and comments as 条例案 and 意見, linking to the draft at the clause or the thread", async () => {
    type Hit = { href: string; kindLabel: string; locator: string | null };
    const instant = async (q: string, scope = "") =>
      ((await (await staff.get(`/api/search?q=${encodeURIComponent(q)}${scope && `&scope=${scope}`}`)).json()) as { hits: Hit[] }).hits;
    const [{ id: draftId }] = await t.db.query<{ id: number }>("SELECT id FROM drafts ORDER BY id LIMIT 1");
    const { draft, doc } = await loadDraftDoc(t.db, draftId!);
    const clause = [...clausesOf(doc, draft.numberingStyle).values()].find((c) => c.kind === "article" && c.text.includes("ヤングケアラーへの支援"))!;
    expect(await instant("ヤングケアラーがその年齢にふさわしい")).toContainEqual(expect.objectContaining({ href: `/drafts/${draftId}#${clause.id}`, kindLabel: "条例案", locator: clause.address }));

    const study = (await findUserByLogin(t.db, "study1"))!;
    const { id } = await createComment(t.db, { id: study.id, role: study.role, active: true }, { draftId: draftId!, clauseId: clause.id, kind: "comment", body: "部活動との両立にも触れてください。" });
    await app.services.search.indexer.drain();
    expect(await instant("部活動との両立")).toContainEqual(expect.objectContaining({ href: `/drafts/${draftId}#comment-${id}`, kindLabel: "意見", locator: clause.address }));
    const page = await (await staff.get(`/search?q=${encodeURIComponent("部活動との両立")}`)).text();
    expect(page).toContain(`href="/drafts/${draftId}#comment-${id}"`);
    expect(page).toMatch(/<span class="kind-badge kind-comment">意見<\/span>/);

    // A clause's evidence is searched in the knowledge base alone.
    const evidence = await instant("ヤングケアラー", "knowledge");
    expect(evidence.length).toBeGreaterThan(0);
    for (const hit of evidence) expect(hit.href).toMatch(/^\/(knowledge\/\d+|decisions)/);
  });

  it.each(["", "   ", "😀", "'; DROP TABLE records; --", "\"unbalanced", "a".repeat(10_000)])("never fails on %j", async (q) => {
    const res = await staff.get(`/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
  });
});
