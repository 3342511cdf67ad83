import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { chromiumAvailable, launchChromium, loggedInPage, screenshotPath } from "../support/browser";

// The comment workflow as its users live it: a study member comments in one browser, a PT
// member sees it arrive in another, answers, accepts a suggestion, renumbers the draft,
// and every comment stays on its clause.

describe.skipIf(!chromiumAvailable)("clause comments in Chromium", () => {
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
    const page = await loggedInPage(browser, app.origin, login, { width: 1440, height: 1000 });
    await page.goto(`${app.origin}/drafts/1`);
    await page.locator(".ordinance-editor .num-article").first().waitFor();
    await page.getByRole("status").filter({ hasText: "保存しました" }).waitFor();
    return page;
  }

  const article = (page: Page, index: number) => page.locator(".ordinance-article").nth(index);
  const threads = (page: Page) => page.getByRole("complementary", { name: "意見" }).locator(".comment-thread");

  it("takes a study member's comment and suggestion to a PT member live, and keeps them on their clauses", async () => {
    const [study, pt] = await Promise.all([openDraft("study1"), openDraft("pt1")]);

    // The study member clicks 第2条's first paragraph and comments on it.
    await article(study, 1).locator(".ordinance-paragraph .ordinance-sentence").first().click();
    await study.getByText(/第2条第1項への意見/).waitFor();
    await study.getByLabel("内容").fill("@pt1 「孤独・孤立」の定義に、本人が望まない状態であることを明記してください。<script>window.__pwned=1</script>");
    await study.getByRole("button", { name: "意見を登録" }).click();
    await study.getByRole("status").filter({ hasText: "意見を登録しました。" }).waitFor();

    // A suggestion for words selected inside an item (号) of 第2条.
    const item = article(study, 1).locator(".ordinance-item .ordinance-sentence").first();
    const itemText = (await item.textContent())!;
    const target = itemText.slice(0, 4);
    // Into the editor first (the last click was on the form's button), then select the words,
    // again if the editor had not yet taken the selection in.
    const chosen = study.getByText(`選んだ部分「${target}」について`);
    await expect
      .poll(async () => {
        await item.click();
        await item.evaluate((element, length) => {
          const text = document.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode()!;
          document.getSelection()!.setBaseAndExtent(text, 0, text, length);
        }, 4);
        await chosen.waitFor({ timeout: 3000 }).catch(() => undefined);
        return chosen.isVisible();
      }, { timeout: 30_000 })
      .toBe(true);
    await study.keyboard.press("Control+Alt+m");
    await study.getByLabel("種類", { exact: true }).selectOption("suggestion");
    await study.getByLabel("修文の理由").fill("対象をはっきりさせるためです。");
    await study.getByLabel(/選んだ部分をこう改める/).fill("【修文】");
    await study.getByRole("button", { name: "意見を登録" }).click();
    await expect.poll(() => threads(study).count()).toBe(2);
    expect(await study.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // The PT member sees both arrive without reloading: in the panel, on the gutter and in the 目次's heat strip.
    await expect.poll(() => threads(pt).count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => pt.locator(".comment-marker-open").count()).toBe(2);
    expect(await pt.getByRole("navigation", { name: "目次" }).getByRole("img", { name: "未解決の意見 2件" }).count()).toBe(1);
    const comment = threads(pt).filter({ hasText: "本人が望まない状態" });
    expect(await comment.locator(".comment-text").first().textContent()).toContain("<script>");
    await pt.screenshot({ path: screenshotPath("comments-pt"), fullPage: false });

    // The PT member replies and sets a disposition with a response.
    await comment.getByPlaceholder("返信を書く").fill("検討します。");
    await comment.getByRole("button", { name: "返信", exact: true }).click();
    await comment.locator(".comment-replies").getByText("検討します。").waitFor();
    await comment.getByRole("button", { name: "対応区分を設定" }).click();
    await comment.getByLabel("対応区分").selectOption("partly");
    await comment.getByLabel("県の考え方").fill("定義規定で、本人の意思に反する状態であることが分かるよう整理します。");
    await comment.getByRole("button", { name: "保存" }).click();
    await comment.getByText("対応区分：一部反映").waitFor();
    // The study member sees the answer live.
    await threads(study).filter({ hasText: "本人が望まない状態" }).getByText("対応区分：一部反映").waitFor({ timeout: 15_000 });

    // Accepting the suggestion changes the item's text for everyone.
    const suggestion = threads(pt).filter({ hasText: "【修文】" });
    await suggestion.getByRole("button", { name: "修文案を反映" }).click();
    await suggestion.getByText("対応区分：反映").waitFor();
    await expect.poll(() => article(study, 1).locator(".ordinance-item .ordinance-sentence").first().textContent(), { timeout: 15_000 }).toContain(
      "【修文】" + itemText.slice(4),
    );

    // The PT member inserts an article before 第2条: both comments move with their clauses.
    await article(pt, 0).locator(".ordinance-paragraph .ordinance-sentence").first().click();
    await pt.keyboard.press("End");
    await pt.keyboard.press("Control+Enter");
    await pt.keyboard.type("新しい条を加える。");
    await expect.poll(() => threads(study).locator(".comment-address").allTextContents(), { timeout: 15_000 }).toEqual(
      expect.arrayContaining([expect.stringMatching(/^第3条第1項$/), expect.stringMatching(/^第3条第1項第1号$/)]),
    );
    await study.screenshot({ path: screenshotPath("comments-study"), fullPage: false });

    // The PT member attaches a search hit to the clause as its evidence (根拠資料); the study member sees it.
    await article(pt, 2).locator(".ordinance-paragraph .ordinance-sentence").first().click();
    await pt.getByRole("heading", { name: "根拠資料（第3条第1項）" }).waitFor();
    await pt.getByLabel("根拠資料を検索").fill("ヤングケアラー");
    await pt.getByLabel("根拠資料を検索").press("Enter");
    await pt.getByLabel("根拠とする理由（任意）").fill("定義の根拠となる実態調査");
    await pt.getByRole("button", { name: "この条項の根拠にする" }).first().click();
    await pt.locator(".evidence-list li").first().waitFor();
    await article(study, 2).locator(".ordinance-paragraph .ordinance-sentence").first().click();
    await expect.poll(() => study.locator(".evidence-list").textContent(), { timeout: 15_000 }).toContain("定義の根拠となる実態調査");

    // The mention waits for the PT member on the home page and opens the thread.
    await pt.goto(`${app.origin}/`);
    const mentions = pt.getByRole("region", { name: /あなた宛てのメンション/ });
    await mentions.getByRole("link", { name: /第3条第1項/ }).click();
    await expect.poll(() => pt.evaluate(() => document.activeElement?.id ?? "")).toMatch(/^comment-\d+$/);
    expect(await pt.locator(".comment-thread:focus").textContent()).toContain("本人が望まない状態");
    await pt.goto(`${app.origin}/`);
    await pt.screenshot({ path: screenshotPath("home-pt"), fullPage: true });
    await pt.getByRole("button", { name: "すべて既読にする" }).click();
    await expect.poll(() => pt.getByRole("region", { name: /あなた宛てのメンション/ }).count()).toBe(0);
    await pt.context().close();
    await study.context().close();
  });

  it("lets staff record what a study member said at a meeting, shown as that member's comment with its minutes", async () => {
    const staff = await openDraft("staff1");
    // Staff cannot comment in their own name: the form opens in "on behalf" mode.
    await article(staff, 3).locator(".ordinance-paragraph .ordinance-sentence").first().click();
    await staff.getByText(/第4条第1項への意見/).waitFor();
    await staff.getByLabel("内容").fill("会議で、介護者の休息の機会にも触れてほしいとの発言がありました。");
    await staff.getByLabel("発言した委員").selectOption({ label: "中村 健" });
    const minutes = staff.getByLabel("会議録");
    const firstMinutes = (await minutes.locator("option").nth(1).textContent())!;
    await minutes.selectOption({ index: 1 });
    await staff.getByRole("button", { name: "意見を登録" }).click();
    await staff.getByRole("status").filter({ hasText: "意見を登録しました。" }).waitFor();

    // The study member opens the draft and finds it as their own words, with the meeting named.
    const study = await openDraft("study2");
    const thread = threads(study).filter({ hasText: "介護者の休息の機会" });
    await thread.waitFor();
    const byline = (await thread.locator(".comment-byline").first().textContent()) ?? "";
    expect(byline).toContain("中村 健");
    expect(byline).toContain(`${firstMinutes}での発言。小林 彩が登録`);
    // It is theirs: the "mine" filter keeps it.
    await study.getByLabel("状態で絞り込む").selectOption("mine");
    await expect.poll(() => threads(study).filter({ hasText: "介護者の休息の機会" }).count()).toBe(1);
    await study.screenshot({ path: screenshotPath("comments-on-behalf"), fullPage: false });
    await staff.context().close();
    await study.context().close();
  });
});
