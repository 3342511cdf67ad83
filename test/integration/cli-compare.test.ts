import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli";

// `kizuna draft version`, `kizuna shinkyu` and `kizuna aratame` as an admin's script runs
// them: versions by id, or e-Gov XML files (compared without opening the database), with
// JSON on stdout and reasons on stderr.

describe("kizuna shinkyu and aratame", () => {
  let dir: string;
  const env = () => ({ KIZUNA_DATA_DIR: path.join(dir, "data") });
  const seedXml = () => readFile("seeds/ordinance/draft-ordinance.xml", "utf8");

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "kizuna-compare-"));
    const before = await seedXml();
    // Words changed in 第4条第2項, 第2条第6号 deleted with 第7号 renumbered, 第14条's caption renamed.
    const after = before
      .replace("市町村が行う取組を支援する", "市町村及び関係団体が行う取組を支援する")
      .replace("（実態の把握）", "（実態調査）")
      .replace(/<Item Num="6">.*?<\/Item>\n?/s, "")
      .replace('<Item Num="7"><ItemTitle>(7)</ItemTitle>', '<Item Num="6"><ItemTitle>(6)</ItemTitle>');
    expect(after).not.toContain("老老介護");
    await writeFile(path.join(dir, "before.xml"), before);
    await writeFile(path.join(dir, "after.xml"), after);
    const seeded = await runCli(["seed"], env());
    expect(seeded.code, seeded.stderr).toBe(0);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("compares two e-Gov XML files: rows at the changed provision, and the 改め文", async () => {
    const { code, stdout, stderr } = await runCli(["shinkyu", path.join(dir, "before.xml"), path.join(dir, "after.xml"), "--format", "json"], env());
    expect(code, stderr).toBe(0);
    const table = JSON.parse(stdout) as { rows: { label: string; before: string; after: string; changed: boolean }[]; changedProvisions: number };
    const changed = table.rows.filter((r) => r.changed);
    expect(changed.map((r) => r.label)).toEqual(["第2条第6号", "第2条第6号", "第4条第2項", "第14条"]);
    expect(changed[0]).toMatchObject({ before: "(6)　老老介護　高齢者が高齢者を介護している状態をいう。", after: "" });
    expect(changed[2]!.after).toContain("市町村及び関係団体が行う取組");
    expect(table.changedProvisions).toBe(4);

    const aratame = await runCli(["aratame", path.join(dir, "before.xml"), path.join(dir, "after.xml")], env());
    expect(aratame.code, aratame.stderr).toBe(0);
    expect(aratame.stdout.trimEnd().split("\n")).toEqual([
      "　第2条第6号を削り、同条第7号を同条第6号とする。",
      "　第4条第2項中「連携するとともに、市町村」の下に「及び関係団体」を加える。",
      "　第14条の見出しを「（実態調査）」に改める。",
    ]);
  });

  it("saves versions by id, compares them, and writes Word and HTML files", async () => {
    const list = await runCli(["draft", "list", "--json"], env());
    const [draft] = JSON.parse(list.stdout) as { id: number }[];
    const first = await runCli(["draft", "version", String(draft!.id), "--label", "第1次案", "--json"], env());
    expect(first.code, first.stderr).toBe(0);
    expect(Object.keys(JSON.parse(first.stdout))).toEqual(["versionId"]);
    const again = await runCli(["draft", "version", String(draft!.id), "--label", "第1次案", "--json"], env());
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("「第1次案」という版はもうあります");

    const { versionId } = JSON.parse(first.stdout) as { versionId: number };
    const same = await runCli(["shinkyu", String(versionId), String(versionId)], env());
    expect(JSON.parse(same.stdout)).toEqual({ rows: [], changedProvisions: 0 });

    const docx = path.join(dir, "table.docx");
    const written = await runCli(["shinkyu", path.join(dir, "before.xml"), path.join(dir, "after.xml"), "--format", "docx", "--out", docx], env());
    expect(written.code, written.stderr).toBe(0);
    const { value } = await mammoth.extractRawText({ path: docx });
    expect(value).toContain("改正前");
    expect(value).toContain("市町村及び関係団体が行う取組");
    const html = await runCli(["shinkyu", path.join(dir, "before.xml"), path.join(dir, "after.xml"), "--format", "html"], env());
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(html.stdout).toContain("<u>及び関係団体</u>");
    // Each command opens the embedded database in a process of its own: slow on a busy machine.
  }, 180_000);

  it("says plainly what is wrong with an argument", async () => {
    const missing = await runCli(["shinkyu", path.join(dir, "nothing.xml"), path.join(dir, "after.xml")], env());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nothing.xml を読み込めません");
    const unknown = await runCli(["aratame", "99999", path.join(dir, "after.xml")], env());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("版 99999 は見つかりません");
    const format = await runCli(["shinkyu", "1", "2", "--format", "pdf"], env());
    expect(format.stderr).toContain("--format には json、html、docx");
  });
});
