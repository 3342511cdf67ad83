import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type TestDatabase } from "../support/db";
import { Client, startHttpApp } from "../support/http-app";

const XSS = `<img src=x onerror="alert('xss')"><script>alert(1)</script>`;

describe.each(backends)("knowledge pages on $name", (backend) => {
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

  const newRecord = (fields: Record<string, string>) =>
    staff.post("/knowledge/new", { kind: "measure", title: "", summary: "", bodyText: "", note: "", ...fields });

  it("creates a record from the form, reading an era date as people type it", async () => {
    const res = await newRecord({ title: "休日相談の実施", date: "令和５年１２月２８日", bodyText: "## 概要\n年末年始に相談を受け付ける。", tags: "相談窓口" });
    expect(res.status).toBe(302);
    const page = await (await staff.get(res.headers.get("location")!)).text();
    expect(page).toContain("休日相談の実施");
    expect(page).toMatch(/datetime="2023-12-28"/i);
    expect(page).toContain("令和5年12月28日");
    expect(page).toContain("令和5年度");
  });

  it("keeps what was typed and explains an unreadable date", async () => {
    const res = await newRecord({ title: "日付の誤り", date: "令和5年13月40日" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("日付を読み取れません");
    expect(html).toContain('value="日付の誤り"');
  });

  it("shows markup in titles and bodies as text, never as HTML", async () => {
    const res = await newRecord({ title: XSS, bodyText: `## ${XSS}\n${XSS}` });
    const html = await (await staff.get(res.headers.get("location")!)).text();
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain('<img src=x onerror');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("refuses a save made from an old revision and keeps the person's text", async () => {
    const created = await newRecord({ title: "競合の確認" });
    const path = created.headers.get("location")!;
    const form = { kind: "measure", title: "先に保存", revision: "1", bodyText: "" };
    expect((await staff.post(`${path}/edit`, form)).status).toBe(302);
    const stale = await staff.post(`${path}/edit`, { ...form, title: "後から保存", bodyText: "消えてほしくない本文" });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("他の方が更新しました");
    expect(html).toContain("消えてほしくない本文");
  });

  it("lets a study member read records but not create, edit or link them", async () => {
    const study = await new Client(app.origin).logIn("study1");
    expect((await study.get("/knowledge")).status).toBe(200);
    expect((await study.get("/knowledge/1")).status).toBe(200);
    expect((await study.get("/knowledge/new")).status).toBe(403);
    expect((await study.post("/knowledge/new", { kind: "measure", title: "研究会からの作成" })).status).toBe(403);
    expect((await study.post("/knowledge/1/edit", { kind: "measure", title: "改ざん", revision: "1" })).status).toBe(403);
    expect((await study.post("/knowledge/1", { intent: "addLink", targetId: "2", direction: "out", hereAnchor: "", targetAnchor: "", reason: "" })).status).toBe(403);
    const [{ n }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM records WHERE title IN ('研究会からの作成', '改ざん')");
    expect(n).toBe(0);
  });

  it("adds a link with a reason and shows it as a backlink on the other record", async () => {
    const [a, b] = await t.db.query<{ id: number; title: string }>("SELECT id, title FROM records WHERE kind = 'minutes' ORDER BY id LIMIT 2");
    const res = await staff.post(`/knowledge/${a!.id}`, { intent: "addLink", targetId: String(b!.id), direction: "out", hereAnchor: "", targetAnchor: "", reason: "前回の議論を受けた" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/knowledge/${a!.id}?notice=linked#links`);
    const other = await (await staff.get(`/knowledge/${b!.id}`)).text();
    expect(other).toContain("前回の議論を受けた");
    expect(other).toContain(a!.title);
  });

  it("pages through more than 30 records, keeping the filters in the links", async () => {
    const first = await (await staff.get("/knowledge")).text();
    expect(first).toContain("1 / 2 ページ");
    expect(first).toContain('href="/knowledge?page=2"');
    const second = await (await staff.get("/knowledge?page=2")).text();
    expect(second).toContain("2 / 2 ページ");
    expect(second).toContain(">前へ</a>");
  });

  it("answers a missing or malformed record id with the 404 page", async () => {
    expect((await staff.get("/knowledge/999999")).status).toBe(404);
    expect((await staff.get("/knowledge/abc")).status).toBe(404);
    expect((await staff.get("/knowledge/1%27%20OR%201=1")).status).toBe(404);
  });

  it("filters the list by kind and tag, and lists seeded decisions", async () => {
    const surveys = await (await staff.get("/knowledge?kind=survey")).text();
    expect(surveys).toContain("ヤングケアラーに関する県の実態調査");
    expect(surveys).not.toContain("第2回 条例検討研究会 会議録");
    const decisions = await (await staff.get("/decisions")).text();
    expect(decisions).toContain("出典：第2回 条例検討研究会 会議録");
  });
});
