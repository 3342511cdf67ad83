import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { chromiumAvailable, launchChromium, screenshotPath } from "../support/browser";
import { findJapaneseFont } from "../support/fixtures/japanese-font";
import { buildJapanesePdf } from "../support/fixtures/pdf";

const SHARED_LAW = path.resolve("../shared/fixtures/law-xml/405AC0000000088_20240401_504AC0100000052.xml");
const font = findJapaneseFont();
const ready = chromiumAvailable && existsSync(SHARED_LAW) && font !== null;
if (chromiumAvailable && !ready) console.log("[kizuna tests] knowledge browser test skipped: shared law fixture or Japanese font missing");

describe.skipIf(!ready)("knowledge base in Chromium", () => {
  let app: AppProcess;
  let browser: Browser;
  let page: Page;
  let pdfPath: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppProcess(), launchChromium()]);
    const dir = await mkdtemp(path.join(os.tmpdir(), "kizuna-import-"));
    pdfPath = path.join(dir, "hearing-memo.pdf");
    await writeFile(
      pdfPath,
      await buildJapanesePdf(font!, [
        [
          { text: "関係団体ヒアリングのまとめ", y: 780, size: 16 },
          { text: "令和5年8月24日　条例検討研究会", y: 750 },
          { text: "県⺠の声として、支える側の休息が取りにくいとの意見が多", y: 720 },
          { text: "く寄せられた。", y: 702 },
        ],
      ]),
    );
    page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await page.goto(`${app.origin}/login`);
    await page.getByLabel("ログインID").fill("staff1");
    await page.getByLabel("パスワード").fill("kizuna-staff1");
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.getByRole("heading", { name: "ホーム", level: 1 }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("imports the shared law and a PDF, with metadata corrected in the preview", async () => {
    await page.goto(`${app.origin}/knowledge/import`);
    await page.getByLabel("取り込むファイル（複数選択できます）").setInputFiles([SHARED_LAW, pdfPath]);
    await page.getByRole("button", { name: "読み取ってプレビュー" }).click();
    await page.waitForURL(/batch=/);
    const pdfItem = page.locator("section.import-item", { hasText: "hearing-memo.pdf" });
    const lawItem = page.locator("section.import-item", { hasText: "405AC0000000088" });
    expect(await lawItem.getByLabel("タイトル").inputValue()).toBe("行政手続法");
    expect(await lawItem.getByLabel("日付").inputValue()).toBe("平成5年11月12日");
    // The preview shows the cleaned text: the radical folded, the broken line joined.
    await pdfItem.getByText("読み取った内容を確認する").click();
    await expect.poll(() => pdfItem.locator(".text-preview").textContent()).toContain("意見が多く寄せられた。");
    expect(await pdfItem.locator(".text-preview").textContent()).toContain("県民の声");
    await pdfItem.getByLabel("タイトル").fill("関係団体ヒアリングのまとめ（研究会資料）");
    await pdfItem.getByLabel("種別").selectOption("material");
    await page.screenshot({ path: screenshotPath("import-preview"), fullPage: true });
    await page.getByRole("button", { name: "選んだファイルを保存" }).click();
    await page.getByRole("status").filter({ hasText: "2件を保存しました。" }).waitFor();

    await page.goto(`${app.origin}/knowledge`);
    await page.getByRole("link", { name: "行政手続法" }).waitFor();
    await page.getByRole("link", { name: "関係団体ヒアリングのまとめ（研究会資料）" }).waitFor();
  });

  it("links a minutes record to an article of the law with a reason and shows the backlink", async () => {
    await page.goto(`${app.origin}/knowledge`);
    await page.getByRole("link", { name: "行政手続法" }).click();
    await page.locator("#a3").waitFor();
    await page.locator("#a3").hover();
    await page.getByRole("link", { name: "「第三条」にリンクを追加" }).click();
    // The other record is found by a few words, then picked from what was found.
    await page.getByLabel("関連する記録を探す").fill("研究会 会議録");
    await page.getByLabel("関連する記録を探す").press("Enter");
    const found = page.getByRole("navigation", { name: "見つかった記録" });
    await found.getByRole("link", { name: /第2回 条例検討研究会 会議録/ }).click();
    await page.getByLabel("相手の箇所").waitFor();
    await expect.poll(() => found.getByRole("link", { name: /第2回 条例検討研究会 会議録/ }).getAttribute("aria-current")).toBe("true");
    await page.getByLabel("向き").selectOption("in");
    await page.getByLabel("相手の箇所").selectOption({ label: "意見交換" });
    await page.getByLabel("理由").fill("適用除外の考え方を研究会で確認した");
    await page.getByRole("button", { name: "リンクする" }).click();
    await page.getByRole("status").filter({ hasText: "リンクを追加しました。" }).waitFor();
    const backlinks = page.locator("#links");
    await expect.poll(() => backlinks.textContent()).toContain("適用除外の考え方を研究会で確認した");
    expect(await backlinks.textContent()).toContain("第2回 条例検討研究会 会議録");
    expect(await page.locator("#a3 .link-count").textContent()).toBe("被リンク 1");
    await page.screenshot({ path: screenshotPath("law-backlink"), fullPage: false });

    // The minutes record shows the same link, starting from its section.
    await backlinks.getByRole("link", { name: /第2回 条例検討研究会 会議録/ }).click();
    await expect.poll(() => page.locator("#links").textContent()).toContain("行政手続法 › 第三条");
  });

  it("lists the seeded decisions with their source minutes", async () => {
    await page.goto(`${app.origin}/decisions`);
    const items = page.locator(".decision-list > li");
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(14);
    await page.getByRole("link", { name: /出典：第2回 条例検討研究会 会議録/ }).first().waitFor();
    await page.screenshot({ path: screenshotPath("decisions"), fullPage: false });
  });

  it("finds a record from the header as you type, choosing with the keyboard", async () => {
    await page.goto(`${app.origin}/`);
    const box = page.getByRole("combobox", { name: "ナレッジと条例案を検索" });
    await box.click();
    await box.pressSequentially("ﾔﾝｸﾞｹｱﾗｰ 調査");
    const listbox = page.getByRole("listbox", { name: "検索結果の候補" });
    await listbox.getByRole("option", { name: /ヤングケアラーに関する県の実態調査/ }).first().waitFor();
    await page.screenshot({ path: screenshotPath("header-search"), fullPage: false });
    await box.press("ArrowDown");
    await expect.poll(() => box.getAttribute("aria-activedescendant")).toBeTruthy();
    const chosen = page.locator(`[id="${await box.getAttribute("aria-activedescendant")}"] .suggestion-title`);
    const chosenTitle = (await chosen.textContent())!.split(" › ")[0]!;
    await box.press("Enter");
    await page.waitForURL(/\/knowledge\/\d+/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(chosenTitle);

    // Enter without choosing a suggestion opens the full results page.
    await box.fill("官民連携");
    await box.press("Enter");
    await page.waitForURL(/\/search\?q=/);
    await page.locator("mark", { hasText: "官民連携" }).first().waitFor();
    await page.getByRole("checkbox", { name: /資料/ }).check();
    await page.getByRole("button", { name: "この条件で絞り込む" }).click();
    await page.waitForURL(/kind=material/);
    await page.screenshot({ path: screenshotPath("search-results"), fullPage: false });

    // A new search from the header, on the results page: the page's own form follows it, so
    // narrowing again does not bring back the old words or filters.
    await box.fill("ヤングケアラー");
    await box.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("q") === "ヤングケアラー" && !url.searchParams.has("kind"));
    await expect.poll(() => page.getByRole("searchbox", { name: "検索語" }).inputValue()).toBe("ヤングケアラー");
    expect(await page.locator(".search-form input[type=checkbox]:checked").count()).toBe(0);
    await page.getByRole("button", { name: "この条件で絞り込む" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "ヤングケアラー" && url.searchParams.has("sort"));
  });

  it("opens the part a hit matched, highlighted, also when followed inside the app", async () => {
    await page.goto(`${app.origin}/search?q=${encodeURIComponent("ニュースレター")}`);
    const hit = page.locator(".hit-list > li h3 a", { hasText: "主な活動" }).first();
    const href = (await hit.getAttribute("href"))!;
    expect(href).toMatch(/^\/knowledge\/\d+#h-/);
    await hit.click();
    await page.waitForURL((url) => url.hash === href.slice(href.indexOf("#")));
    const part = page.locator(`[id="${href.slice(href.indexOf("#") + 1)}"]`);
    await expect.poll(() => part.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe("rgb(255, 248, 220)");
    await expect.poll(() => part.evaluate((element) => element.getBoundingClientRect().top)).toBeLessThan(1000);
    await page.screenshot({ path: screenshotPath("search-hit-opened"), fullPage: false });
  });

  it("puts the results first on a tablet, with the filters folded until asked for", async () => {
    const tablet = await page.context().newPage();
    await tablet.setViewportSize({ width: 768, height: 1024 });
    await tablet.goto(`${app.origin}/search?q=${encodeURIComponent("ひきこもり")}`);
    await tablet.locator("html[data-hydrated]").waitFor();
    const filters = tablet.locator("details.facets");
    await expect.poll(() => filters.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    const heading = tablet.locator("#result-heading");
    expect((await heading.boundingBox())!.y).toBeLessThan(1024 / 2);
    await tablet.screenshot({ path: screenshotPath("search-tablet"), fullPage: false });

    await tablet.getByText("絞り込み・並び順").click();
    await tablet.getByRole("group", { name: "種別" }).getByRole("checkbox", { name: /調査/ }).check();
    await tablet.getByRole("button", { name: "この条件で絞り込む" }).click();
    await tablet.waitForURL(/kind=survey/);
    // Set filters stay in view, and say how many there are.
    await expect.poll(() => filters.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await tablet.getByText("絞り込み・並び順（1件を指定中）").waitFor();

    // Turned sideways, the screen is wide: the filters stand beside the results, unfolded.
    await tablet.goto(`${app.origin}/search?q=${encodeURIComponent("ひきこもり")}`);
    await tablet.locator("html[data-hydrated]").waitFor();
    await expect.poll(() => filters.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await tablet.setViewportSize({ width: 1024, height: 768 });
    await expect.poll(() => filters.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await tablet.getByText("絞り込み・並び順").isVisible()).toBe(false);
    await tablet.close();
  });

  it("prints the results as a list, without the search form and filters", async () => {
    await page.goto(`${app.origin}/search?q=${encodeURIComponent("官民連携")}`);
    await page.emulateMedia({ media: "print" });
    try {
      expect(await page.locator("details.facets").isVisible()).toBe(false);
      expect(await page.getByRole("searchbox", { name: "検索語" }).isVisible()).toBe(false);
      expect(await page.locator("#result-heading").isVisible()).toBe(true);
      expect(await page.locator(".hit-list > li").first().isVisible()).toBe(true);
      // One column: the first hit starts at the page's left edge, where the filters stood.
      const [heading, hit] = await Promise.all([page.locator("h1").boundingBox(), page.locator(".hit-list > li").first().boundingBox()]);
      expect(Math.abs(hit!.x - heading!.x)).toBeLessThan(2);
    } finally {
      await page.emulateMedia({ media: null });
    }
  });

  it("shows markup typed into a record as text and runs none of it", async () => {
    await page.goto(`${app.origin}/knowledge/new`);
    await page.getByLabel("タイトル").fill(`<img src=x onerror="alert('xss')">`);
    await page.getByLabel("本文").fill(`## <script>alert(1)</script>\n<svg onload=alert(2)>`);
    await page.getByRole("button", { name: "作成する" }).click();
    await page.getByRole("heading", { level: 1, name: `<img src=x onerror="alert('xss')">` }).waitFor();
    expect(await page.locator("img[src=x]").count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
