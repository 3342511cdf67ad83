import { existsSync } from "node:fs";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";

// Browser tests use Debian's Chromium. Without it they skip with a printed reason, unless
// E2E_REQUIRED is set (as in CI), where a missing browser is a failure.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM_PATH);
export const e2eRequired = Boolean(process.env.E2E_REQUIRED);

if (!chromiumAvailable) {
  const reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium fonts-noto-cjk)`;
  if (e2eRequired) throw new Error(`E2E_REQUIRED is set but ${reason}`);
  console.log(`[kizuna tests] browser tests skipped: ${reason}`);
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export const SCREENSHOT_DIR = path.resolve("test-results/screenshots");
mkdirSync(SCREENSHOT_DIR, { recursive: true });

export function screenshotPath(name: string): string {
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}

/** A fresh browser context logged in as a demo user (password kizuna-<login>), on the home page. */
export async function loggedInPage(browser: Browser, origin: string, login: string, viewport = { width: 1360, height: 1000 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(`${origin}/login`);
  await page.getByLabel("ログインID").fill(login);
  await page.getByLabel("パスワード").fill(`kizuna-${login}`);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.getByRole("heading", { name: "ホーム", level: 1 }).waitFor();
  return page;
}
