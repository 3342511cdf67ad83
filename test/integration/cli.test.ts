import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startAppProcess, type AppProcess } from "../support/app-process";
import { runCli } from "../support/cli";
import { connectCollab, draftPlainText, sentenceTexts } from "../support/collab-client";
import { createServerDatabase, serverUrl } from "../support/db";

describe("kizuna CLI", () => {
  it("lists its commands in --help", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    for (const command of ["migrate", "seed", "user", "token", "collab"]) expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    const user = await runCli(["user", "--help"]);
    expect(user.stdout).toMatch(/add \[options\] <login>/);
  });

  describe("on an embedded data directory", () => {
    let dataDir: string;
    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), "kizuna-cli-"));
    });
    afterAll(() => rm(dataDir, { recursive: true, force: true }));
    const env = () => ({ KIZUNA_DATA_DIR: dataDir });

    it("adds a user and prints one JSON value, with a generated password when none is given", async () => {
      const { code, stdout, stderr } = await runCli(["user", "add", "kenji", "--role", "pt", "--json"], env());
      expect(code, stderr).toBe(0);
      const result = JSON.parse(stdout);
      expect(result).toMatchObject({ login: "kenji", role: "pt" });
      expect(result.password).toMatch(/^\S{10,}$/);
    });

    it("prints a token alone on stdout", async () => {
      const { code, stdout } = await runCli(["token", "kenji"], env());
      expect(code).toBe(0);
      expect(stdout).toMatch(/^kzt_[A-Za-z0-9_-]{43}\n$/);
    });

    it("refuses to run the collaboration server alone on the embedded database, saying to use server Postgres", async () => {
      for (const command of [["bin/kizuna.js", "collab"], ["collab-server"]]) {
        const { code, stdout, stderr } = await runNode(command, env());
        expect(code, command.join(" ")).toBe(1);
        expect(stdout).toBe("");
        expect(stderr).toContain("サーバー版のPostgres(DATABASE_URL)が必要です");
        expect(stderr).not.toContain("    at ");
      }
    });

    it("fails with a Japanese message on stderr, nothing on stdout, and a non-zero exit", async () => {
      const bad = await runCli(["user", "add", "kenji", "--role", "pt", "--json"], env());
      expect(bad.code).toBe(1);
      expect(bad.stdout).toBe("");
      expect(bad.stderr).toContain("既に使われています");
      const noRole = await runCli(["user", "add", "someone"], env());
      expect(noRole.code).not.toBe(0);
      const unknown = await runCli(["token", "nobody"], env());
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("見つかりません");
    });
  });

  describe("while npm start holds the embedded database", () => {
    let app: AppProcess;
    beforeAll(async () => {
      app = await startAppProcess();
    });
    afterAll(() => app?.stop());

    it("hands its work to the running server, and the token it prints opens the app", async () => {
      const { code, stdout, stderr } = await runCli(["token", "pt1"], { KIZUNA_DATA_DIR: app.dataDir });
      expect(code, stderr).toBe(0);
      const token = stdout.trim();
      const home = await fetch(`${app.origin}/`, { headers: { cookie: `kizuna_session=${token}` }, redirect: "manual" });
      expect(home.status).toBe(200);
      expect(await home.text()).toContain("田中 誠さん、ようこそ");
    });

    it("adds a user through the server that can log in at once", async () => {
      const add = await runCli(["user", "add", "hanako", "--role", "staff", "--password", "hanako-pass-1", "--json"], {
        KIZUNA_DATA_DIR: app.dataDir,
      });
      expect(add.code, add.stderr).toBe(0);
      const login = await fetch(`${app.origin}/login`, {
        method: "POST",
        body: new URLSearchParams({ login: "hanako", password: "hanako-pass-1" }),
        headers: { origin: app.origin },
        redirect: "manual",
      });
      expect(login.status).toBe(302);
    });
  });

  describe.skipIf(!serverUrl)("on server Postgres (DATABASE_URL)", () => {
    let database: Awaited<ReturnType<typeof createServerDatabase>>;
    beforeAll(async () => {
      database = await createServerDatabase();
    });
    afterAll(() => database?.drop());

    it("migrates, seeds once, and issues tokens for the demo logins", async () => {
      const env = { DATABASE_URL: database.url };
      const first = await runCli(["seed", "--json"], env);
      expect(first.code, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout).createdUsers.map((u: { login: string }) => u.login)).toEqual([
        "admin",
        "pt1",
        "pt2",
        "study1",
        "study2",
        "staff1",
      ]);
      const second = await runCli(["seed", "--json"], env);
      expect(JSON.parse(second.stdout).createdUsers).toEqual([]);
      const token = await runCli(["token", "study1", "--json"], env);
      expect(JSON.parse(token.stdout)).toMatchObject({ login: "study1", token: expect.stringMatching(/^kzt_/) });
    });

    it("runs the collaboration server alone: health check, a PT member's edit stored, a clean stop", async () => {
      const env = { DATABASE_URL: database.url };
      expect((await runCli(["seed", "--json"], env)).code).toBe(0);
      const token = (await runCli(["token", "pt1"], env)).stdout.trim();
      const [{ id: draftId }] = JSON.parse((await runCli(["draft", "list", "--json"], env)).stdout) as { id: number }[];
      const port = await freePort();
      const collab = spawn(process.execPath, ["bin/kizuna.js", "collab", "--port", String(port)], {
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let log = "";
      collab.stderr.on("data", (d) => (log += d));
      const exited = new Promise<number | null>((resolve) => collab.once("exit", resolve));
      try {
        await expect.poll(() => log, { timeout: 60_000 }).toContain(`Kizuna collaboration server is running: ws://127.0.0.1:${port}/collab`);
        const origin = `http://127.0.0.1:${port}`;
        const health = await fetch(`${origin}/healthz`);
        expect([health.status, await health.text()]).toEqual([200, "ok"]);
        expect((await fetch(`${origin}/`)).status).toBe(404);

        const client = await connectCollab(origin, draftId, token);
        await client.settled(30_000);
        expect(draftPlainText(client.doc)).toContain("孤独・孤立");
        sentenceTexts(client.doc)[3]!.insert(0, "（単独の共同編集サーバーでの加筆）");
        await client.settled();
        client.destroy();
      } finally {
        collab.kill("SIGTERM");
      }
      expect(await exited, log).toBe(0);
      expect(log).toContain("SIGTERM: shutting down");
      const exported = await runCli(["draft", "export", String(draftId), "--format", "text"], env);
      expect(exported.stdout).toContain("（単独の共同編集サーバーでの加筆）");
    }, 180_000);
  });
});

/** Runs a Node entry point (`node collab-server`, `node bin/kizuna.js …`) to its end, on the embedded database. */
function runNode(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, DATABASE_URL: undefined, ...env } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
