import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { runCli } from "../support/cli";
import { ORDINANCE_FIXTURE } from "../support/workspace";

// `kizuna backup` and `kizuna restore` as an administrator runs them on the embedded
// database: alone, and while `npm start` holds the data directory.

/** Runs a command that must succeed and returns its one JSON value. */
async function json(args: string[], dataDir: string): Promise<any> {
  const { code, stdout, stderr } = await runCli([...args, "--json"], { KIZUNA_DATA_DIR: dataDir });
  expect(code, `${args.join(" ")}: ${stderr}`).toBe(0);
  return JSON.parse(stdout);
}

describe("kizuna backup and restore", () => {
  let root: string;
  const dir = (name: string) => path.join(root, name);
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "kizuna-backup-cli-"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("backs up one data directory and restores it into another, where the drafts are the same", async () => {
    await json(["seed"], dir("a"));
    await json(["draft", "import", ORDINANCE_FIXTURE, "--title", "復元確認条例"], dir("a"));
    await json(["import", ORDINANCE_FIXTURE, "--kind", "law"], dir("a"));

    // A relative name is written where the command runs, and printed absolute.
    const backup = await json(["backup", path.relative(process.cwd(), dir("a.kizuna.gz"))], dir("a"));
    expect(backup).toEqual({ file: dir("a.kizuna.gz"), tables: expect.any(Number), rows: expect.any(Number), bytes: (await stat(dir("a.kizuna.gz"))).size });
    expect((await stat(dir("a.kizuna.gz"))).mode & 0o777).toBe(0o600);

    const restored = await json(["restore", dir("a.kizuna.gz")], dir("b"));
    expect(restored).toEqual({ file: dir("a.kizuna.gz"), tables: backup.tables, rows: backup.rows });
    const drafts = await json(["draft", "list"], dir("b"));
    expect(drafts).toEqual(await json(["draft", "list"], dir("a")));
    expect(drafts.map((d: { title: string }) => d.title)).toContain("復元確認条例");
    const found = await json(["search", "孤独・孤立対策", "--kind", "clause"], dir("b"));
    expect(found.total).toBeGreaterThan(0);

    const again = await runCli(["restore", dir("a.kizuna.gz")], { KIZUNA_DATA_DIR: dir("b") });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("すでにデータがあります");
    expect(again.stderr).not.toContain("    at ");
  }, 300_000);

  describe("while npm start holds the data directory", () => {
    let app: AppProcess;
    beforeAll(async () => {
      app = await startAppProcess();
    });
    afterAll(() => app?.stop());

    it("has the server write the backup, and refuses to restore under it", async () => {
      const file = dir("running.kizuna.gz");
      const backup = await json(["backup", file], app.dataDir);
      expect(backup).toMatchObject({ file, bytes: (await stat(file)).size });

      const refused = await runCli(["restore", file, "--force"], { KIZUNA_DATA_DIR: app.dataDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("Kizunaを止めてから");

      await json(["restore", file], dir("c"));
      expect(await json(["draft", "list"], dir("c"))).toEqual(await json(["draft", "list"], app.dataDir));
    }, 180_000);
  });
});
