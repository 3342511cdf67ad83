import { readFile } from "node:fs/promises";
import mammoth from "mammoth";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { chromiumAvailable, launchChromium, loggedInPage, screenshotPath } from "../support/browser";

// The "done when", as a PT member does it in the browser: save 第1次案, change words
// in a paragraph, delete an item, insert an article, rename a caption, save 第2次案, then
// read the 新旧対照表 between them, print it, export it to Word, and read the 改め文.

describe.skipIf(!chromiumAvailable)("versions and the 新旧対照表 in Chromium", () => {
  let app: AppProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppProcess(), launchChromium()]);
    page = await loggedInPage(browser, app.origin, "pt1");
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function saveVersion(label: string) {
    await page.goto(`${app.origin}/drafts/1/versions`);
    await page.locator("html[data-hydrated]").waitFor();
    await page.getByLabel("版の名前").fill(label);
    await page.getByRole("button", { name: "この時点の条文を版として保存" }).click();
    await page.getByRole("status").filter({ hasText: `「${label}」を保存しました。` }).waitFor();
  }

  /** Selects text in the editor as a mouse would: from the start of `from` to the end of `to` (or of `from`). */
  async function selectText(from: string, to = from, toEnd = true) {
    await page.evaluate(
      ([from, to, toEnd]) => {
        const editor = document.querySelector(".ordinance-editor")!;
        const find = (needle: string) => {
          const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent!.indexOf(needle);
            if (at >= 0) return { node, at };
          }
          throw new Error(`not in the editor: ${needle}`);
        };
        const start = find(from);
        const end = find(to);
        const range = document.createRange();
        range.setStart(start.node, start.at);
        range.setEnd(end.node, end.at + (toEnd ? to.length : 0));
        (editor as HTMLElement).focus();
        const selection = document.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
      },
      [from, to, toEnd] as const,
    );
    // ProseMirror reads the DOM selection on selectionchange.
    await expect.poll(() => page.evaluate(() => document.getSelection()?.toString() ?? "")).not.toBe("");
    await page.waitForTimeout(150);
  }

  const saved = () => expect.poll(() => page.getByRole("status").filter({ hasText: "保存しました" }).count(), { timeout: 15_000 }).toBe(1);

  it("makes a 新旧対照表, its print layout, a Word file and the 改め文 from two saved versions", async () => {
    await saveVersion("第1次案");

    await page.goto(`${app.origin}/drafts/1`);
    await page.locator(".ordinance-editor .num-article").first().waitFor();
    await saved();
    // Let the editor settle after its first sync before touching the selection.
    await page.waitForTimeout(800);

    // Words in 第4条第2項.
    await selectText("市町村が行う");
    await page.keyboard.type("市町村及び関係団体が行う");
    // 第2条第6号 (老老介護) deleted: from item (5)'s last words to the end of item (6), then the words typed back.
    await selectText("親子が共に社会から孤立するおそれがある状態をいう。", "高齢者が高齢者を介護している状態をいう。");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("親子が共に社会から孤立するおそれがある状態をいう。");
    // A caption renamed: 実態の把握 → 実態調査.
    await selectText("実態の把握");
    await page.keyboard.type("実態調査");
    // A new article after 第3条 (基本理念), typed after Ctrl+Enter at the end of its last paragraph.
    await selectText("地域の絆を生かして行われなければならない。");
    await page.keyboard.press("End");
    await page.keyboard.press("Control+Enter");
    await page.keyboard.type("県は、施策の策定に当たっては、当事者の意見を聴くものとする。");
    await saved();
    await saveVersion("第2次案");

    // The list offers the two newest versions; the table opens with them.
    await page.getByRole("button", { name: "新旧対照表を表示" }).click();
    await page.getByRole("heading", { name: "第1次案と第2次案の新旧対照表", level: 1 }).waitFor();
    const table = page.getByRole("table", { name: "第1次案と第2次案の新旧対照表" });
    const headings = await table.getByRole("columnheader").allTextContents();
    expect(headings.map((h) => h.replace(/\s/g, ""))).toEqual(["改正前", "改正後"]);
    const marks = await table.locator("u").allTextContents();
    expect(marks).toContain("及び関係団体");
    expect(marks.some((m) => m.includes("実態調査") || m.includes("調査"))).toBe(true);
    expect(await table.getByText("削除").count()).toBeGreaterThan(0);
    expect(await table.getByText("追加").count()).toBeGreaterThan(0);
    expect(await table.textContent()).toContain("県は、施策の策定に当たっては、当事者の意見を聴くものとする。");
    // The 改め文 for the same change, every part of it written out.
    const aratame = (await page.locator(".aratame-text").textContent()) ?? "";
    expect(aratame.split("\n")).toEqual([
      "　第2条第6号を削り、同条第7号を同条第6号とする。",
      "　第17条を第18条とし、第16条を第17条とし、第15条を第16条とする。",
      "　第14条の見出しを「（実態調査）」に改め、同条を第15条とする。",
      "　第13条を第14条とし、第5条から第12条までを1条ずつ繰り下げる。",
      "　第4条第2項中「連携するとともに、市町村」の下に「及び関係団体」を加え、同条を第5条とし、第3条の次に次の1条を加える。",
      "第4条　県は、施策の策定に当たっては、当事者の意見を聴くものとする。",
    ]);
    expect(await page.locator(".aratame .form-warning").count()).toBe(0);
    await page.screenshot({ path: screenshotPath("shinkyu-view"), fullPage: true });

    // Print layout: A4 landscape, the app's header and controls not printed.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".compare-controls").isVisible()).toBe(false);
    const siteHeader = page.locator("header.site-header");
    expect(await siteHeader.count()).toBe(1);
    expect(await siteHeader.isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath("shinkyu-print"), fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    await page.emulateMedia({ media: "screen" });

    // The Word file.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Word（DOCX）" }).click()]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    const { value: docxText } = await mammoth.extractRawText({ buffer: bytes });
    expect(docxText).toContain("改正前");
    expect(docxText).toContain("市町村及び関係団体が行う取組");
  });
});
