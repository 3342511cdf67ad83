import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type TestDatabase } from "../support/db";
import { Client, startHttpApp } from "../support/http-app";

describe.each(backends)("admin-edited synonyms on $name", (backend) => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof startHttpApp>>;
  beforeAll(async () => {
    t = await backend.create();
    app = await startHttpApp(t.db);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const total = async (client: Client, q: string) => ((await (await client.get(`/api/search?q=${encodeURIComponent(q)}`)).json()) as { total: number }).total;

  it("applies a new group to the next search, without reindexing", async () => {
    const admin = await new Client(app.origin).logIn("admin");
    expect(await total(admin, "たまり場")).toBe(0);
    const before = await total(admin, "居場所");
    expect(before).toBeGreaterThan(0);
    const res = await admin.post("/admin/search", { intent: "add", terms: "居場所、たまり場" });
    expect(await res.text()).toContain("言い換えを追加しました。");
    expect(await total(admin, "たまり場")).toBe(before);
  });

  it("starts from the built-in groups, which admins can change", async () => {
    const admin = await new Client(app.origin).logIn("admin");
    const html = await (await admin.get("/admin/search")).text();
    expect(html).toContain("子ども、子供、こども");
  });

  it("explains a group with one word and changes nothing", async () => {
    const admin = await new Client(app.origin).logIn("admin");
    const [{ n }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM search_synonyms");
    const res = await admin.post("/admin/search", { intent: "add", terms: "ひとつだけ" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("2語以上");
    const [{ n: after }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM search_synonyms");
    expect(after).toBe(n);
  });

  it("is for admins only, on the server", async () => {
    const pt = await new Client(app.origin).logIn("pt1");
    expect((await pt.get("/admin/search")).status).toBe(403);
    expect((await pt.post("/admin/search", { intent: "add", terms: "a、b" })).status).toBe(403);
  });
});
