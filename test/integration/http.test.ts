import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type TestDatabase } from "../support/db";
import { Client, startHttpApp } from "../support/http-app";

describe.each(backends)("web app on $name", (backend) => {
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

  it("sends a visitor who is not logged in to the login page", async () => {
    const res = await new Client(app.origin).get("/admin");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?next=%2Fadmin");
  });

  it("logs in, shows the dashboard with the user's name, and logs out for good", async () => {
    const client = await new Client(app.origin).logIn("pt1");
    const stolen = client.cookie;
    const home = await client.get("/");
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain("田中 誠さん、ようこそ");
    expect(html).toContain("PTメンバー");

    const out = await client.post("/logout", {});
    expect(out.headers.get("location")).toBe("/login");
    client.cookie = stolen; // a copy of the old cookie must not work any more
    expect((await client.get("/")).status).toBe(302);
  });

  it("shows a Japanese error on a wrong password without saying whether the login exists", async () => {
    const client = new Client(app.origin);
    const wrong = await (await client.post("/login", { login: "pt2", password: "nope-nope-nope" })).text();
    const unknown = await (await client.post("/login", { login: "ghost", password: "nope-nope-nope" })).text();
    const message = "ログインIDまたはパスワードが正しくありません。";
    expect(wrong).toContain(message);
    expect(unknown).toContain(message);
  });

  it("never redirects off-site after login", async () => {
    const client = new Client(app.origin);
    const res = await client.post("/login", { login: "staff1", password: "kizuna-staff1", next: "//evil.example/x" });
    expect(res.headers.get("location")).toBe("/");
  });

  it("shows only what each role may use and gives study members the 403 page on /admin", async () => {
    const nav = async (login: string) => {
      const html = await (await (await new Client(app.origin).logIn(login)).get("/")).text();
      return ["ホーム", "ナレッジ", "決定事項", "条例案", "管理"].filter((label) => html.includes(`>${label}</a>`));
    };
    expect(await nav("admin")).toEqual(["ホーム", "ナレッジ", "決定事項", "条例案", "管理"]);
    expect(await nav("pt1")).toEqual(["ホーム", "ナレッジ", "決定事項", "条例案"]);
    expect(await nav("study1")).toEqual(["ホーム", "ナレッジ", "決定事項", "条例案"]);

    const study = await new Client(app.origin).logIn("study1");
    const res = await study.get("/admin");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("このページを表示する権限がありません");
    // The admin action is refused on the server too, not just hidden.
    const post = await study.post("/admin", { intent: "add", login: "intruder", displayName: "x", role: "admin", password: "long-enough-1" });
    expect(post.status).toBe(403);
  });

  it("refuses a cross-origin POST before any route runs", async () => {
    const client = await new Client(app.origin).logIn("admin");
    const res = await client.post(
      "/admin",
      { intent: "add", login: "csrf.victim", displayName: "x", role: "admin", password: "long-enough-1" },
      { origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("別のサイトからの送信");
    expect(await t.db.query("SELECT 1 FROM users WHERE login = 'csrf.victim'")).toHaveLength(0);
  });

  it("treats a forged session cookie as logged out", async () => {
    const client = new Client(app.origin);
    client.cookie = "kizuna_session=forged";
    const res = await client.get("/");
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toContain("Max-Age=0");
  });

  it("lets an admin add a user, and a role change ends that user's sessions", async () => {
    const admin = await new Client(app.origin).logIn("admin");
    const added = await admin.post("/admin", {
      intent: "add",
      login: "new.staff",
      displayName: "新しい 職員",
      role: "staff",
      password: "first-password-1",
      departmentId: "",
    });
    expect(await added.text()).toContain("利用者「新しい 職員」(new.staff)を追加しました。");

    const user = await new Client(app.origin).logIn("new.staff", "first-password-1");
    expect((await user.get("/")).status).toBe(200);
    const [{ id }] = await t.db.query<{ id: number }>("SELECT id FROM users WHERE login = 'new.staff'");
    await admin.post("/admin", { intent: "role", userId: String(id), role: "pt" });
    expect((await user.get("/")).status).toBe(302);
  });

  it("answers unknown addresses with the Japanese 404 page", async () => {
    const client = await new Client(app.origin).logIn("staff1");
    const res = await client.get("/no/such/page");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("ページが見つかりません");
    expect(html).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it("sends a CSP that allows no inline script without this response's nonce", async () => {
    const res = await new Client(app.origin).get("/login");
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = await res.text();
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const [, attrs] of inlineScripts) expect(attrs).toContain(`nonce="${nonce}"`);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    // WebSockets only to this site (the collaboration endpoint), not to any host.
    expect(csp).toMatch(new RegExp(`connect-src 'self' ws://${new URL(app.origin).host} wss://${new URL(app.origin).host}(;|$)`));
    expect(csp).not.toMatch(/connect-src[^;]* ws: /);
  });
});
