import { rm } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { chromiumAvailable, launchChromium, loggedInPage, screenshotPath } from "../support/browser";

// The collaboration issue's "done when", as two PT members live it: both type into the same
// article at once and converge; the server is killed with -9 mid-session and restarted;
// nothing that was shown as 保存しました is lost, and what was typed meanwhile merges.

describe.skipIf(!chromiumAvailable)("two PT members and a server crash, in Chromium", () => {
  let app: AppProcess;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppProcess(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (app) await rm(app.dataDir, { recursive: true, force: true }); // a restarted process keeps it
  });

  async function openDraft(login: string): Promise<Page> {
    const page = await loggedInPage(browser, app.origin, login);
    await page.goto(`${app.origin}/drafts/1`);
    await page.locator(".ordinance-editor .num-article").first().waitFor();
    await saved(page);
    return page;
  }

  const saved = (page: Page) => page.getByRole("status").filter({ hasText: "保存しました" }).waitFor({ timeout: 30_000 });
  const firstSentence = (page: Page, article: number) => page.locator(".ordinance-article").nth(article).locator(".ordinance-paragraph .ordinance-sentence").first();
  /** The sentence's text without other people's carets (their name labels are drawn inside it). */
  const textOf = (page: Page, article: number) =>
    firstSentence(page, article).evaluate((element) => {
      const copy = element.cloneNode(true) as Element;
      copy.querySelectorAll(".ProseMirror-yjs-cursor").forEach((cursor) => cursor.remove());
      return copy.textContent ?? "";
    });

  /** Caret at the end of an article's first sentence, once the editor has settled. */
  async function caretAtEnd(page: Page, article: number) {
    await expect
      .poll(async () => {
        await firstSentence(page, article).click();
        await page.keyboard.press("End");
        return page.evaluate((i) => {
          const node = document.getSelection()?.anchorNode;
          const element = node instanceof Element ? node : node?.parentElement;
          return element?.closest(".ordinance-article") === document.querySelectorAll(".ordinance-article")[i];
        }, article);
      })
      .toBe(true);
  }

  it("converges two PT members typing at once, and loses nothing shown as saved across kill -9", async () => {
    const [a, b] = await Promise.all([openDraft("pt1"), openDraft("pt2")]);
    await Promise.all([caretAtEnd(a, 2), caretAtEnd(b, 2)]);
    // Both type into 第3条 at the same time, one at the start of the sentence and one at its
    // end (typed at the very same spot, Yjs would interleave the two people's characters).
    await firstSentence(b, 2).evaluate((sentence) => {
      const text = document.createTreeWalker(sentence, NodeFilter.SHOW_TEXT).nextNode()!;
      document.getSelection()!.setBaseAndExtent(text, 0, text, 0);
    });
    await expect.poll(() => b.evaluate(() => document.getSelection()?.anchorOffset)).toBe(0);
    await Promise.all([a.keyboard.type("（田中の追記）", { delay: 30 }), b.keyboard.type("（佐藤の追記）", { delay: 30 })]);
    await expect.poll(async () => (await textOf(a, 2)) === (await textOf(b, 2)), { timeout: 15_000 }).toBe(true);
    const converged = await textOf(a, 2);
    expect(converged).toContain("（田中の追記）");
    expect(converged).toContain("（佐藤の追記）");
    await Promise.all([saved(a), saved(b)]);

    // kill -9, with both pages open. The indicator stops saying 保存しました.
    await app.crash();
    await a.getByRole("status").filter({ hasText: /オフライン|接続しています/ }).waitFor({ timeout: 30_000 });
    // Typing while the server is down stays in the page…
    await caretAtEnd(a, 0);
    await a.keyboard.type("（停止中の追記）");
    await a.screenshot({ path: screenshotPath("draft-offline"), fullPage: false });

    // …and reaches the server once it is back, on the same data directory and port.
    app = await startAppProcess({}, { dataDir: app.dataDir, port: Number(new URL(app.origin).port) });
    await saved(a);
    await saved(b);
    await expect.poll(() => textOf(b, 0), { timeout: 30_000 }).toContain("（停止中の追記）");

    // A fresh page after the restart shows every edit that was saved.
    const fresh = await openDraft("pt2");
    expect(await textOf(fresh, 2)).toBe(converged);
    expect(await textOf(fresh, 0)).toContain("（停止中の追記）");
    for (const page of [a, b, fresh]) await page.context().close();
  });
});
