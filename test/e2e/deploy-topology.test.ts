import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startAppProcess, type AppProcess } from "../support/app-process";
import { chromiumAvailable, launchChromium, loggedInPage, screenshotPath } from "../support/browser";
import { createServerDatabase, serverUrl } from "../support/db";

// docs/DEPLOY.md's topology on one machine: two app processes and two collaboration
// processes on one server Postgres and one Redis, each pair behind a small front door that
// sends /collab upgrades to its collaboration process and everything else to its app, as a
// load balancer would. A PT member on each door sees the other's typing and comments.

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const reason = !chromiumAvailable ? "no Chromium" : !serverUrl ? "TEST_DATABASE_URL is not set (server Postgres is needed)" : null;
if (reason) console.log(`[kizuna tests] deployment topology test skipped: ${reason}`);

/** The load balancer's part: WebSocket upgrades on /collab to one port, other requests to another. */
function frontDoor(appPort: number, collabPort: number): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const upstream = http.request({ host: "127.0.0.1", port: appPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  server.on("upgrade", (req, socket, head) => {
    const port = req.url?.startsWith("/collab") ? collabPort : appPort;
    const upstream = net.connect(port, "127.0.0.1", () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`, ...Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : [`${k}: ${v}`]))];
      upstream.write(lines.join("\r\n") + "\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    const end = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on("error", end);
    socket.on("error", end);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    }),
  );
}

async function startCollab(env: Record<string, string>): Promise<{ port: number; child: ChildProcess; log: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["bin/kizuna.js", "collab", "--port", String(port)], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stderr!.on("data", (d) => (log += d));
  child.stdout!.on("data", (d) => (log += d));
  // Waited for here by hand: expect.poll belongs to tests, and this runs in beforeAll.
  const deadline = Date.now() + 90_000;
  while (!log.includes("Kizuna collaboration server is running")) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`collaboration server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, child, log: () => log };
}

describe.skipIf(reason !== null)("two app processes and two collaboration processes, one Postgres and one Redis", () => {
  let database: Awaited<ReturnType<typeof createServerDatabase>>;
  const apps: AppProcess[] = [];
  const collabs: Array<{ child: ChildProcess; log: () => string }> = [];
  const doors: Array<Awaited<ReturnType<typeof frontDoor>>> = [];
  let browser: Browser;

  beforeAll(async () => {
    database = await createServerDatabase();
    const env = { DATABASE_URL: database.url, REDIS_URL: `${REDIS_URL}?prefix=topology${process.pid}` };
    browser = await launchChromium();
    // One at a time: the first migrates and seeds, the second finds it done.
    for (let i = 0; i < 2; i++) apps.push(await startAppProcess(env));
    for (let i = 0; i < 2; i++) {
      const collab = await startCollab(env);
      collabs.push(collab);
      doors.push(await frontDoor(Number(new URL(apps[i]!.origin).port), collab.port));
    }
  });
  afterAll(async () => {
    await browser?.close();
    for (const door of doors) await door.close();
    for (const { child } of collabs) child.kill("SIGTERM");
    for (const app of apps) await app.stop();
    await database?.drop();
  });

  async function openDraft(origin: string, login: string): Promise<Page> {
    const page = await loggedInPage(browser, origin, login);
    await page.goto(`${origin}/drafts/1`);
    await page.locator(".ordinance-editor .num-article").first().waitFor();
    await page.getByRole("status").filter({ hasText: "保存しました" }).waitFor({ timeout: 30_000 });
    return page;
  }
  const firstSentence = (page: Page, article: number) => page.locator(".ordinance-article").nth(article).locator(".ordinance-paragraph .ordinance-sentence").first();

  it("shows each PT member the other's typing and comments, whichever processes serve them", async () => {
    const [one, two] = [await openDraft(doors[0]!.origin, "pt1"), await openDraft(doors[1]!.origin, "pt2")];

    await firstSentence(one, 2).click();
    await one.keyboard.press("End");
    await one.keyboard.type("（一つ目の入口から）");
    await expect.poll(() => firstSentence(two, 2).textContent(), { timeout: 20_000 }).toContain("（一つ目の入口から）");

    await firstSentence(two, 4).click();
    await two.keyboard.press("End");
    await two.keyboard.type("（二つ目の入口から）");
    await expect.poll(() => firstSentence(one, 4).textContent(), { timeout: 20_000 }).toContain("（二つ目の入口から）");

    // A comment written through the second app reaches the editor served by the first.
    await firstSentence(two, 1).click();
    await two.getByLabel("内容").fill("別の入口からの意見です。");
    await two.getByRole("button", { name: "意見を登録" }).click();
    await expect
      .poll(() => one.getByRole("complementary", { name: "意見" }).locator(".comment-thread").filter({ hasText: "別の入口からの意見です。" }).count(), { timeout: 20_000 })
      .toBe(1);
    await one.screenshot({ path: screenshotPath("deploy-topology"), fullPage: false });

    // Both edits are stored once, in the shared database.
    await expect.poll(async () => (await (await one.request.get(`${doors[0]!.origin}/drafts/1/export?format=text`)).text()), { timeout: 20_000 }).toMatch(
      /（一つ目の入口から）[\s\S]*（二つ目の入口から）/,
    );
    const text = await (await two.request.get(`${doors[1]!.origin}/drafts/1/export?format=text`)).text();
    expect(text.split("（一つ目の入口から）")).toHaveLength(2);
    // Each editor was served by its own collaboration process, not by the app behind its door.
    for (const collab of collabs) expect(collab.log()).toContain("collab connected");
  });
});
