import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { chromiumAvailable, launchChromium, screenshotPath } from "../support/browser";

const NAV = ["ホーム", "ナレッジ", "決定事項", "条例案", "管理"];

describe.skipIf(!chromiumAvailable)("signing in as each role in Chromium", () => {
  let app: AppProcess;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppProcess(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function logIn(page: Page, login: string) {
    await page.goto(`${app.origin}/`);
    await expect.poll(() => page.url()).toContain("/login");
    await page.getByLabel("ログインID").fill(login);
    await page.getByLabel("パスワード").fill(`kizuna-${login}`);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.getByRole("heading", { name: "ホーム", level: 1 }).waitFor();
  }

  async function navLabels(page: Page) {
    return page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link").allTextContents();
  }

  it.each([
    ["admin", "事務局 管理者", NAV],
    ["pt1", "田中 誠", NAV.slice(0, 4)],
    ["pt2", "佐藤 美咲", NAV.slice(0, 4)],
    ["study1", "山本 由紀", NAV.slice(0, 4)],
    ["study2", "中村 健", NAV.slice(0, 4)],
    ["staff1", "小林 彩", NAV.slice(0, 4)],
  ])("%s sees the dashboard and only the sections the role allows", async (login, name, nav) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "ja-JP" });
    const page = await context.newPage();
    await logIn(page, login);
    await expect.poll(() => page.getByRole("heading", { level: 2, name: `${name}さん、ようこそ` }).count()).toBe(1);
    expect(await navLabels(page)).toEqual(nav);
    if (login === "admin" || login === "study1") await page.screenshot({ path: screenshotPath(`dashboard-${login}`), fullPage: true });
    await context.close();
  });

  it("shows a study member the 403 page on /admin, and logout ends the session", async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await logIn(page, "study1");
    const response = await page.goto(`${app.origin}/admin`);
    expect(response?.status()).toBe(403);
    await page.getByRole("heading", { name: "このページを表示する権限がありません" }).waitFor();
    await page.screenshot({ path: screenshotPath("403-study"), fullPage: true });

    const cookieBefore = (await context.cookies()).find((c) => c.name === "kizuna_session")!;
    await page.goto(`${app.origin}/`);
    await page.getByRole("button", { name: "ログアウト" }).click();
    await page.getByRole("heading", { name: "ログイン" }).waitFor();
    // Replaying the old cookie value does not bring the session back.
    await context.addCookies([cookieBefore]);
    await page.goto(`${app.origin}/`);
    await expect.poll(() => page.url()).toContain("/login");
    await context.close();
  });

  it("lets an admin add a user from the admin page with the keyboard", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, "admin");
    await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "管理" }).click();
    await page.getByRole("heading", { name: "利用者を追加" }).waitFor();
    await page.getByLabel("ログインID").fill("kensaku.yamada");
    await page.keyboard.press("Tab");
    await page.keyboard.type("山田 研作");
    await page.getByLabel("役割", { exact: true }).selectOption("study");
    await page.getByLabel("初期パスワード").fill("study-group-2026");
    await page.getByLabel("初期パスワード").press("Enter");
    await page.getByRole("status").filter({ hasText: "利用者「山田 研作」(kensaku.yamada)を追加しました。" }).waitFor();
    await page.screenshot({ path: screenshotPath("admin-users"), fullPage: true });
    await context.close();
  });

  it("shows the wrong-password message and the tablet layout of the login page", async () => {
    const context = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${app.origin}/login`);
    await page.getByLabel("ログインID").fill("pt1");
    await page.getByLabel("パスワード").fill("not-the-password");
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.getByRole("alert").filter({ hasText: "ログインIDまたはパスワードが正しくありません。" }).waitFor();
    expect(await page.getByLabel("ログインID").inputValue()).toBe("pt1");
    await page.screenshot({ path: screenshotPath("login-error-tablet"), fullPage: true });
    await context.close();
  });
});
