import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { chromiumAvailable, launchChromium, loggedInPage, screenshotPath } from "../support/browser";

// A search hit in a draft opens the place: a clause puts the editor's caret on that clause,
// a comment opens its thread beside the draft.

describe.skipIf(!chromiumAvailable)("search hits in drafts, in Chromium", () => {
  let app: AppProcess;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppProcess(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("opens the draft at a clause found by its words, and a comment found by its body in its thread", async () => {
    const page = await loggedInPage(browser, app.origin, "study1", { width: 1440, height: 1000 });
    const search = (q: string) => page.goto(`${app.origin}/search?q=${encodeURIComponent(q)}`);
    const hitOfKind = (label: string) => page.locator(".hit-list > li").filter({ has: page.locator(".kind-badge", { hasText: label }) }).first();

    await search("ヤングケアラーがその年齢にふさわしい");
    const clauseHit = hitOfKind("条例案");
    const address = (await clauseHit.locator(".part-label").textContent())!.replace(/^\s*›\s*/, "");
    await clauseHit.getByRole("link").click();
    await page.waitForURL(/\/drafts\/\d+#[\w-]+$/);
    // The caret is on the clause (or inside it): the comment form names it.
    await page.getByText(new RegExp(`^${address}(第1項)?への意見`)).waitFor();
    const clause = page.locator(".ordinance-article", { hasText: "ヤングケアラーがその年齢にふさわしい" });
    await expect.poll(() => clause.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    await page.screenshot({ path: screenshotPath("search-clause-hit"), fullPage: false });

    await page.getByLabel("内容").fill("部活動との両立にも触れてください。");
    await page.getByRole("button", { name: "意見を登録" }).click();
    await page.locator(".comment-thread", { hasText: "部活動との両立" }).waitFor();

    // The indexer runs every second: the comment is found soon after it is written.
    await expect
      .poll(async () => {
        await search("部活動との両立");
        return hitOfKind("意見").count();
      }, { timeout: 15_000 })
      .toBe(1);
    await expect.poll(async () => hitOfKind("意見").locator(".part-label").textContent()).toContain(address);
    await hitOfKind("意見").getByRole("link").click();
    await page.waitForURL(/\/drafts\/\d+#comment-\d+$/);
    const commentId = new URL(page.url()).hash.slice(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? "")).toBe(commentId);
    expect(await page.locator(".comment-thread:focus").textContent()).toContain("部活動との両立");
  });
});
