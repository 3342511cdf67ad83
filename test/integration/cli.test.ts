import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { runCli } from "../support/cli";
import { createServerDatabase, serverUrl } from "../support/db";

describe("kizuna CLI", () => {
  it("lists its commands in --help", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    for (const command of ["migrate", "seed", "user", "token"]) expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
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
  });
});
