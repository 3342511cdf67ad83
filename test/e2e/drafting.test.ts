import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { chromiumAvailable, launchChromium, loggedInPage, screenshotPath } from "../support/browser";

describe.skipIf(!chromiumAvailable)("drafting in Chromium", () => {
  let app: AppProcess;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppProcess(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function openDraft(login: string): Promise<Page> {
    const page = await loggedInPage(browser, app.origin, login);
    await page.goto(`${app.origin}/drafts`);
    await page.getByRole("link", { name: /誰一人取り残さない社会づくり条例/ }).click();
    await page.locator(".ordinance-editor .num-article").first().waitFor();
    return page;
  }


  /**
   * Puts the caret at the end of the first sentence of article `index`, once the editor has
   * stopped redrawing after its first sync (y-prosemirror may redraw and move the caret in
   * that window; noted in the issue for investigation).
   */
  async function placeCaret(page: Page, index: number) {
    const editor = page.locator(".ordinance-editor");
    let previous = "";
    await expect
      .poll(async () => {
        const now = (await editor.textContent()) ?? "";
        const stable = now === previous;
        previous = now;
        return stable;
      }, { interval: 400 })
      .toBe(true);
    const sentence = page.locator(".ordinance-article").nth(index).locator(".ordinance-paragraph .ordinance-sentence").first();
    const caretIn = () =>
      page.evaluate((i) => {
        const node = document.getSelection()?.anchorNode;
        const element = node instanceof Element ? node : node?.parentElement;
        return element?.closest(".ordinance-article") === document.querySelectorAll(".ordinance-article")[i];
      }, index);
    await expect
      .poll(async () => {
        await sentence.click();
        await page.keyboard.press("End");
        await page.waitForTimeout(300);
        return caretIn();
      })
      .toBe(true);
  }

  const articleLabels = (page: Page) => page.locator(".ordinance-editor .num-article").allTextContents();

  it("adds an article in the middle with the keyboard, typed through an IME, and every later number shifts", async () => {
    const page = await openDraft("pt1");
    await expect.poll(() => page.getByRole("status").filter({ hasText: "保存しました" }).count()).toBe(1);
    expect((await articleLabels(page)).slice(0, 3)).toEqual(["第1条", "第2条", "第3条"]);
    expect(await articleLabels(page)).toHaveLength(17);

    // Caret at the end of 第2条's first sentence, then Ctrl+Enter for a new article after it.
    await placeCaret(page, 1);
    await page.keyboard.press("Control+Enter");

    const cdp = await page.context().newCDPSession(page);
    for (const text of ["き", "きょ", "きょう", "協"]) {
      await cdp.send("Input.imeSetComposition", { text, selectionStart: text.length, selectionEnd: text.length });
    }
    await cdp.send("Input.insertText", { text: "協働" });
    await page.keyboard.type("による取組を推進する。");

    await expect.poll(() => articleLabels(page)).toHaveLength(18);
    const third = page.locator(".ordinance-article").nth(2);
    expect(await third.locator(".num-article").textContent()).toBe("第3条");
    expect(await third.textContent()).toContain("協働による取組を推進する。");
    expect(await third.textContent()).not.toContain("きょう");
    // The former 第3条 (基本理念) is now 第4条, in the text and in the 目次.
    expect(await page.locator(".ordinance-article").nth(3).locator(".num-article").textContent()).toBe("第4条");
    await expect.poll(() => page.getByRole("navigation", { name: "目次" }).textContent()).toContain("第4条（基本理念）");
    await expect.poll(() => page.getByRole("status").filter({ hasText: "保存しました" }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath("draft-editor"), fullPage: false });

    const exported = await page.request.get(`${app.origin}/drafts/1/export?format=text`);
    const text = await exported.text();
    expect(text).toContain("第3条　協働による取組を推進する。");
    expect(text).toContain("第18条");
    const xml = await (await page.request.get(`${app.origin}/drafts/1/export?format=egov-xml`)).text();
    expect(xml).toContain('LawType="Misc"');
    const docx = await page.request.get(`${app.origin}/drafts/1/export?format=docx`);
    expect((await docx.body()).subarray(0, 2).toString()).toBe("PK");
  });

  it("pastes text from Word as structure, with no HTML surviving", async () => {
    const page = await openDraft("pt1");
    await expect.poll(() => page.getByRole("status").filter({ hasText: "保存しました" }).count()).toBe(1);
    const before = (await articleLabels(page)).length;
    await placeCaret(page, before - 1);
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData("text/plain", "（相談員の育成）\n第5条　県は、相談員の育成に努めるものとする。\n２　前項の育成は、市町村と連携して行う。");
      data.setData("text/html", '<p style="mso-x:1"><img src=x onerror="window.__pwned=1">第5条</p>');
      document.querySelector(".ordinance-editor")!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => articleLabels(page)).toHaveLength(before + 1);
    const added = page.locator(".ordinance-article").nth(before);
    expect(await added.locator(".ordinance-caption").textContent()).toBe("相談員の育成");
    expect(await added.locator(".ordinance-paragraph").count()).toBe(2);
    expect(await page.locator(".ordinance-editor img:not(.ProseMirror-separator)").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it("switches the numbering style and the labels follow", async () => {
    const page = await openDraft("pt2");
    await page.getByText("条例案の設定（題名・番号の付け方）").click();
    await page.getByLabel("番号の付け方").selectOption("vertical");
    await page.getByRole("button", { name: "設定を保存" }).click();
    await page.getByRole("status").filter({ hasText: "設定を保存しました。" }).waitFor();
    await expect.poll(async () => (await articleLabels(page))[0]).toBe("第一条");
  });

  it("shows a study member the draft live but lets them change nothing", async () => {
    const page = await openDraft("study1");
    await page.getByText("閲覧のみです。").waitFor();
    expect(await page.locator(".ordinance-editor").getAttribute("contenteditable")).toBe("false");
    const before = await page.locator(".ordinance-editor").textContent();
    await page.locator(".ordinance-editor .ordinance-sentence").first().click();
    await page.keyboard.type("改ざん");
    expect(await page.locator(".ordinance-editor").textContent()).toBe(before);
  });

  it("shows a PT member and a study member each other, live: names, the article, typing and a rename", async () => {
    const [pt, study] = await Promise.all([openDraft("pt1"), openDraft("study1")]);
    // Each sees the other in the presence bar.
    await pt.getByLabel("同時に開いている人").getByText("山本 由紀").waitFor();
    await study.getByLabel("同時に開いている人").getByText("田中 誠").waitFor();

    // The PT member works in 第2条: the study member's 目次 marks that article with their name.
    await placeCaret(pt, 1);
    const outline = study.getByRole("navigation", { name: "目次" });
    const marker = outline.getByRole("img", { name: "田中 誠さんがこの条にいます" });
    // Presence follows the caret: wait until it has caught up with where placeCaret left it.
    await expect
      .poll(async () => ((await marker.count()) ? await marker.locator("xpath=ancestor::li").textContent() : ""), { timeout: 15_000 })
      .toMatch(/^第(2|二)条/); // an earlier test switched to 縦書き

    // What the PT member types appears for the study member without a reload.
    await pt.keyboard.type("（同時編集の確認）");
    await expect.poll(() => study.locator(".ordinance-article").nth(1).textContent()).toContain("（同時編集の確認）");
    // The PT member's caret is drawn in the study member's editor, with their name.
    // (Earlier tests left pt1's other tabs open, so there may be several such carets.)
    await expect.poll(async () => (await study.locator(".ProseMirror-yjs-cursor").allTextContents()).join("")).toContain("田中 誠");
    await study.screenshot({ path: screenshotPath("draft-presence-study"), fullPage: false });

    // A rename reaches the study member's page as a live event.
    await pt.getByText("条例案の設定（題名・番号の付け方）").click();
    await pt.getByLabel("題名").fill("誰一人取り残さない社会づくり条例（研究会提示案）");
    await pt.getByRole("button", { name: "設定を保存" }).click();
    await expect.poll(() => study.locator(".record-header h1").textContent()).toBe("誰一人取り残さない社会づくり条例（研究会提示案）");
    await pt.context().close();
    await study.context().close();
  });
});
