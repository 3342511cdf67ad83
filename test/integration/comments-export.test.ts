import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { Transform } from "prosemirror-transform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { createUser, findUserByLogin } from "../../auth/users";
import { clausesOf, type Clause } from "../../drafting/clauses";
import { createComment, deleteComment, disposeComment, hideComment, type CommentActor } from "../../comments/comments";
import { exportResponseTable } from "../../comments/response-export";
import { parsePeriod, responseTable, sequenceLetters } from "../../comments/response-table";
import type { Database } from "../../db/database";
import { migrate } from "../../db/migrate";
import { openPglite } from "../../db/pglite";
import { createDraft, loadDraftDoc } from "../../drafting/drafts";
import { editDraftOnServer } from "../../drafting/server-edit";
import { buildArticle, buildDoc, ensureIds } from "../../ordinance/model";
import { seed } from "../../seeds";
import { backends, type TestDatabase } from "../support/db";
import { Client, startHttpApp } from "../support/http-app";

// The 意見対応表 staff hand round: the rows (order, addresses, who said it, what was decided),
// and the same rows in CSV, XLSX, DOCX, over HTTP and from the CLI.

const TRICKY_BODY = '連携の相手に"社会福祉協議会"、NPO,当事者団体を\n加えてください。';

describe.each(backends)("comment response table on $name", (backend) => {
  let t: TestDatabase;
  let draftId: number;
  let emptyDraftId: number;
  let minutesTitle: string;
  const as: Record<string, CommentActor> = {};
  const ids: Record<string, number> = {};

  async function clauseAt(address: string): Promise<Clause> {
    const { draft, doc } = await loadDraftDoc(t.db, draftId);
    const found = [...clausesOf(doc, draft.numberingStyle).values()].find((c) => c.address === address);
    if (!found) throw new Error(`no clause ${address}`);
    return found;
  }
  async function comment(key: string, who: string, address: string, input: { kind?: "comment" | "question" | "suggestion"; body: string; suggestion?: string; rangeText?: string; onBehalfOf?: string }) {
    const [minutes] = await t.db.query<{ id: number }>("SELECT id FROM records WHERE kind = 'minutes' ORDER BY id LIMIT 1");
    ({ id: ids[key] } = await createComment(t.db, as[who]!, {
      draftId,
      clauseId: (await clauseAt(address)).id,
      kind: input.kind ?? "comment",
      body: input.body,
      suggestion: input.suggestion,
      range: input.rangeText ? { start: null, end: null, text: input.rangeText } : null,
      onBehalfOf: input.onBehalfOf ? { userId: as[input.onBehalfOf]!.id, minutesRecordId: minutes!.id } : null,
    }));
  }
  const table = (options: Parameters<typeof responseTable>[3] = {}) => responseTable(t.db, as.pt1!, draftId, options);

  beforeAll(async () => {
    t = await backend.create();
    await seed(t.db);
    for (const login of ["pt1", "study1", "study2", "staff1", "admin"]) {
      const user = (await findUserByLogin(t.db, login))!;
      as[login] = { id: user.id, role: user.role, active: true, displayName: user.displayName };
    }
    [{ title: minutesTitle }] = await t.db.query<{ title: string }>("SELECT title FROM records WHERE kind = 'minutes' ORDER BY id LIMIT 1");
    const doc = ensureIds(
      buildDoc({
        title: "試験条例",
        main: [
          { caption: "目的", paragraphs: ["この条例は、孤独・孤立の防止を目的とする。"] },
          {
            caption: "定義",
            paragraphs: [{ sentences: ["この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。"], items: [{ sentences: ["孤独　一人でいること。"] }, { sentences: ["孤立　つながりがないこと。"] }] }],
          },
          { caption: "県の責務", paragraphs: ["県は、施策を実施する。", "県は、市町村と連携する。"] },
        ],
      }),
    );
    draftId = await createDraft(t.db, { title: "試験条例", doc }, as.pt1!.id);
    emptyDraftId = await createDraft(t.db, { title: "意見のない条例案" }, as.pt1!.id);

    // Written in an order unlike the clauses', so the table has to sort them.
    await comment("tricky", "study1", "第3条第2項", { body: TRICKY_BODY });
    await comment("question", "study2", "第1条", { kind: "question", body: "目的に家族を含める考えはありますか。" });
    await comment("item", "study1", "第2条第1項第2号", { kind: "suggestion", body: "定義を広げてください。", suggestion: "つながりが乏しい", rangeText: "つながりがない" });
    await comment("minutes", "staff1", "第2条", { body: "定義は分かりやすい言葉で。", onBehalfOf: "study2" });
    await comment("formula", "pt1", "第3条第1項", { body: "=1+1 のように記号で始まる意見です。" });
    await comment("withdrawn", "study1", "第1条", { body: "取り下げる意見" });
    await comment("hidden", "study2", "第3条第1項", { body: "非表示にされる意見" });
    await deleteComment(t.db, as.study1!, ids.withdrawn!);
    await hideComment(t.db, as.admin!, ids.hidden!, "個人情報を含むため");
    await disposeComment(t.db, as.pt1!, ids.question!, { disposition: "partly", response: "家族等を含める方向で検討します。" });

    // A new first article renumbers everything by one.
    await editDraftOnServer(t.db, draftId, as.pt1!.id, (current) => {
      let first = -1;
      current.descendants((node, pos) => {
        if (first < 0 && node.type.name === "article") first = pos;
        return first < 0;
      });
      return { doc: ensureIds(new Transform(current).insert(first, buildArticle({ caption: "基本理念", paragraphs: ["誰一人取り残さない。"] })).doc), value: null };
    });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("lists top-level comments in clause order, at their current addresses, with a running number", async () => {
    const { rows, draftTitle, periodLabel } = await table();
    expect(draftTitle).toBe("試験条例");
    expect(periodLabel).toBeNull();
    expect(rows.map((r) => [r.no, r.address, r.kind, r.commentId])).toEqual([
      [1, "第2条", "質問", ids.question],
      [2, "第3条", "意見", ids.minutes],
      [3, "第3条第1項第2号", "修文案", ids.item],
      [4, "第4条第1項", "意見", ids.formula],
      [5, "第4条第2項", "意見", ids.tricky],
    ]);
    const byId = new Map(rows.map((r) => [r.commentId, r]));
    expect(byId.get(ids.question!)).toMatchObject({ disposition: "一部反映", response: "家族等を含める方向で検討します。", submitter: "中村 健" });
    expect(byId.get(ids.tricky!)).toMatchObject({ summary: TRICKY_BODY, submitter: "山本 由紀", disposition: "未対応", response: "" });
    expect(byId.get(ids.item!)!.summary).toBe("定義を広げてください。\n【修文案】「つながりがない」を「つながりが乏しい」に改める。");
    expect(byId.get(ids.minutes!)!.submitter).toBe(`中村 健（${minutesTitle}より）`);
  });

  it("leaves out withdrawn and hidden comments, even for a moderator", async () => {
    for (const reader of [as.pt1!, as.admin!, as.study2!]) {
      const { rows } = await responseTable(t.db, reader, draftId);
      expect(rows.map((r) => r.commentId)).not.toContain(ids.withdrawn);
      expect(rows.map((r) => r.commentId)).not.toContain(ids.hidden);
      expect(rows).toHaveLength(5);
    }
  });

  it("keeps a deleted clause's comment last, under its last address marked 削除済み", async () => {
    const item = await clauseAt("第3条第1項第2号");
    await editDraftOnServer(t.db, draftId, as.pt1!.id, (current) => {
      let at = -1;
      let size = 0;
      current.descendants((node, pos) => {
        if (node.attrs.id === item.id) [at, size] = [pos, node.nodeSize];
        return at < 0;
      });
      return { doc: new Transform(current).delete(at, at + size).doc, value: null };
    });
    const { rows } = await table();
    expect(rows.at(-1)).toMatchObject({ no: 5, commentId: ids.item, address: "第3条第1項第2号（削除済み）" });
    expect(rows.map((r) => r.no)).toEqual([1, 2, 3, 4, 5]);
  });

  it("anonymises submitters as 委員A, 委員B … once per person, keeping the minutes they spoke in", async () => {
    const { rows, anonymised } = await table({ anonymise: true });
    expect(anonymised).toBe(true);
    // study2 (question), study2 in the minutes, pt1, study1, study1 (deleted clause, last).
    expect(rows.map((r) => r.submitter)).toEqual(["委員A", "委員A（会議での発言）", "委員B", "委員C", "委員C"]);
    expect(JSON.stringify(rows)).not.toMatch(/山本|中村|田中/);
    expect([0, 25, 26, 27, 701].map(sequenceLetters)).toEqual(["A", "Z", "AA", "AB", "ZZ"]);
  });

  it("keeps to a period given in ISO or 和暦, its last day included", async () => {
    const at = (key: string, instant: string) => t.db.query("UPDATE comments SET created_at = $2 WHERE id = $1", [ids[key], instant]);
    await at("tricky", "2026-10-31T23:59:59+09:00");
    await at("question", "2026-11-01T00:00:00+09:00");
    await at("item", "2026-11-15T12:00:00+09:00");
    await at("minutes", "2026-11-30T23:59:59+09:00");
    await at("formula", "2026-12-01T00:00:00+09:00");
    const november = [ids.question, ids.minutes, ids.item];
    for (const period of [{ from: "2026-11-01", to: "2026-11-30" }, { from: "令和8年11月1日", to: "令和8年11月30日" }, { from: "令和8年11月", to: "令和8年11月" }]) {
      const { rows, periodLabel } = await table(parsePeriod(period));
      expect(rows.map((r) => r.commentId), JSON.stringify(period)).toEqual(november);
      expect(rows.map((r) => r.no)).toEqual([1, 2, 3]);
      expect(periodLabel).toBe("令和8年11月1日から令和8年11月30日までに出された意見");
    }
    const december = await table(parsePeriod({ from: "2026-12-01" }));
    expect([december.rows.map((r) => r.commentId), december.periodLabel]).toEqual([[ids.formula], "令和8年12月1日以降に出された意見"]);
    const october = await table(parsePeriod({ to: "2026/10/31" }));
    expect([october.rows.map((r) => r.commentId), october.periodLabel]).toEqual([[ids.tricky], "令和8年10月31日までに出された意見"]);
    expect(() => parsePeriod({ from: "来週" })).toThrow("「来週」を日付として読めません");
    expect(() => parsePeriod({ from: "2026-12-01", to: "2026-11-01" })).toThrow("期間の始まりが終わりより後");
    await expect(responseTable(t.db, as.pt1!, 999_999)).rejects.toMatchObject({ status: 404 });
  });

  it("writes CSV as UTF-8 with a BOM and CRLF that parses back to the same cells", async () => {
    const data = await table();
    const file = await exportResponseTable(data, "csv");
    expect(file.fileName).toBe(`iken-taiou-${draftId}.csv`);
    expect(file.mediaType).toBe("text/csv; charset=utf-8");
    expect([...file.body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(file.body).slice(1);
    expect(text.endsWith("\r\n")).toBe(true);
    const records = parseCsv(text);
    expect(records[0]).toEqual(["No.", "条項", "種類", "意見の概要", "提出者", "対応区分", "県の考え方"]);
    expect(records.slice(1)).toEqual(
      data.rows.map((r) => [String(r.no), r.address, r.kind, r.commentId === ids.formula ? `'${r.summary}` : r.summary, r.submitter, r.disposition, r.response]),
    );
    expect(text).toContain('"連携の相手に""社会福祉協議会""、NPO,当事者団体を\n加えてください。"');
  });

  it("writes an XLSX that Excel opens: title, bold header, the rows, frozen header, A4 landscape", async () => {
    const data = await table();
    const file = await exportResponseTable(data, "xlsx");
    expect(file.fileName).toBe(`iken-taiou-${draftId}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.body) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("意見対応表")!;
    expect(sheet.getCell("A1").value).toBe("試験条例　意見対応表");
    expect(String(sheet.getCell("A2").value)).toContain("5件");
    const header = sheet.getRow(3);
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => header.getCell(c).value)).toEqual(["No.", "条項", "種類", "意見の概要", "提出者", "対応区分", "県の考え方"]);
    expect(header.getCell(1).font?.bold).toBe(true);
    const cells = data.rows.map((_, i) => [1, 2, 3, 4, 5, 6, 7].map((c) => sheet.getRow(4 + i).getCell(c).value ?? ""));
    expect(cells).toEqual(data.rows.map((r) => [r.no, r.address, r.kind, r.summary, r.submitter, r.disposition, r.response]));
    expect(sheet.getCell("D4").alignment?.wrapText).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(sheet.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, printTitlesRow: "3:3" });
  });

  it("writes a DOCX: a zip whose document holds the title, a repeated header row, the rows, on A4 landscape", async () => {
    const data = await table({ anonymise: true });
    const file = await exportResponseTable(data, "docx");
    expect(file.fileName).toBe(`iken-taiou-${draftId}.docx`);
    const xml = (await unzip(file.body)).get("word/document.xml")!;
    expect(xml).toContain("試験条例　意見対応表");
    expect(xml).toContain("<w:tblHeader/>");
    expect(xml).toMatch(/w:orient="landscape"/);
    for (const text of ["意見の概要", "県の考え方", "第3条第1項第2号（削除済み）", "家族等を含める方向で検討します。", "委員C", "加えてください。", "【修文案】", "提出者は匿名で表示しています"]) {
      expect(xml, text).toContain(text);
    }
    expect(xml).not.toContain("山本");
  });

  describe("over HTTP", () => {
    let app: Awaited<ReturnType<typeof startHttpApp>>;
    beforeAll(async () => {
      app = await startHttpApp(t.db);
    });
    afterAll(async () => {
      await app?.close();
    });

    it("sends each format as an attachment to anyone who may read the draft, and nothing to a visitor", async () => {
      const client = await new Client(app.origin).logIn("study1");
      const types = { csv: "text/csv; charset=utf-8", xlsx: "spreadsheetml.sheet", docx: "wordprocessingml.document" };
      for (const [format, type] of Object.entries(types)) {
        const res = await client.get(`/drafts/${draftId}/comments/export?format=${format}&anonymise=1`);
        expect(res.status, format).toBe(200);
        expect(res.headers.get("content-type")).toContain(type);
        expect(res.headers.get("content-disposition")).toBe(`attachment; filename="iken-taiou-${draftId}.${format}"; filename*=UTF-8''iken-taiou-${draftId}.${format}`);
        const body = new Uint8Array(await res.arrayBuffer());
        if (format === "csv") expect(new TextDecoder().decode(body)).toContain("委員A");
        else expect([...body.slice(0, 2)]).toEqual([0x50, 0x4b]); // PK: a zip
      }
      const visitor = await new Client(app.origin).get(`/drafts/${draftId}/comments/export?format=csv`);
      expect(visitor.status).toBe(302);
      expect(visitor.headers.get("location")).toMatch(/^\/login\?next=/);
      const badFormat = await client.get(`/drafts/${draftId}/comments/export?format=pdf`);
      expect([badFormat.status, await badFormat.text()]).toEqual([400, "書き出し形式は csv、xlsx、docx のいずれかを指定してください。\n"]);
      const badDate = await client.get(`/drafts/${draftId}/comments/export?format=csv&from=${encodeURIComponent("来週")}`);
      expect(badDate.status).toBe(400);
      expect(await badDate.text()).toContain("「来週」を日付として読めません");
      expect((await client.get(`/drafts/999999/comments/export?format=csv`)).status).toBe(404);
    });

    it("shows the print view with the table, the period form and the downloads, and an empty state", async () => {
      const client = await new Client(app.origin).logIn("staff1");
      const res = await client.get(`/drafts/${draftId}/comments/print?from=${encodeURIComponent("令和8年11月1日")}&to=2026-11-30`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain("試験条例　意見対応表");
      expect(html).toContain("<thead>");
      expect(html).toContain("令和8年11月1日から令和8年11月30日までに出された意見");
      expect(html).toContain("目的に家族を含める考えはありますか。");
      expect(html).not.toContain("加えてください。"); // written before the period
      expect(html).toContain("size: A4 landscape");
      expect(html).toContain(`/drafts/${draftId}/comments/export?format=xlsx&amp;from=`);
      expect(html).toContain("印刷する");
      const empty = await (await client.get(`/drafts/${emptyDraftId}/comments/print`)).text();
      expect(empty).toContain("この条例案にはまだ意見がありません。");
      const bad = await (await client.get(`/drafts/${draftId}/comments/print?from=abc`)).text();
      expect(bad).toContain("「abc」を日付として読めません");
      expect(bad).not.toContain("<thead>");
      expect((await new Client(app.origin).get(`/drafts/${draftId}/comments/print`)).status).toBe(302);
    });
  });

  it("is written by `kizuna comments export`, which prints the file and the number of rows", async () => {
    const cli = await cliDatabase(backend.name, t);
    try {
      const out = path.join(cli.workDir, "table.xlsx");
      const json = await runKizuna(["comments", "export", String(cli.draftId), "--format", "xlsx", "--out", out, "--anonymise", "--json"], cli.env, cli.workDir);
      expect(json.code, json.stderr).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual({ file: out, rows: cli.rows });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile(out)) as unknown as ExcelJS.Buffer);
      expect(workbook.getWorksheet("意見対応表")!.getCell("E4").value).toBe("委員A");

      const human = await runKizuna(["comments", "export", String(cli.draftId), "--format", "csv", "--from", "令和2年1月1日"], cli.env, cli.workDir);
      expect(human.code, human.stderr).toBe(0);
      const defaultFile = path.join(cli.workDir, `iken-taiou-${cli.draftId}.csv`);
      expect(human.stdout).toBe(`意見対応表を書き出しました: ${defaultFile}(${cli.rows}件)\n`);
      expect((await readFile(defaultFile, "utf8")).charCodeAt(0)).toBe(0xfeff);

      const unknown = await runKizuna(["comments", "export", "999999", "--format", "csv"], cli.env, cli.workDir);
      expect([unknown.code, unknown.stdout]).toEqual([1, ""]);
      expect(unknown.stderr).toContain("番号 999999 の条例案は見つかりません");
      const format = await runKizuna(["comments", "export", String(cli.draftId), "--format", "pdf"], cli.env, cli.workDir);
      expect(format.code).toBe(1);
      expect(format.stderr).toContain("--format には csv、xlsx、docx のいずれかを指定してください");
    } finally {
      await cli.close();
    }
  }, 180_000);
});

/**
 * A database the CLI can open from its own process: on server Postgres the suite's own,
 * on PGlite a fresh data directory holding a draft with one comment.
 */
async function cliDatabase(name: string, t: TestDatabase): Promise<{ workDir: string; draftId: number; rows: number; env: Record<string, string>; close(): Promise<void> }> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "kizuna-iken-"));
  if (name === "postgres") {
    const [{ id: draftId }] = await t.db.query<{ id: number }>("SELECT id FROM drafts WHERE title = '試験条例'");
    const { rows } = await responseTable(t.db, { id: 0, role: "staff", active: true }, draftId!);
    return { workDir, draftId: draftId!, rows: rows.length, env: { DATABASE_URL: t.url! }, close: () => rm(workDir, { recursive: true, force: true }) };
  }
  const dataDir = path.join(workDir, "data");
  await mkdir(dataDir);
  const db: Database = await openPglite(path.join(dataDir, "pgdata"));
  let draftId: number;
  try {
    // A member and a draft only: without the demo knowledge base each CLI start stays quick.
    await migrate(db);
    const study1 = await createUser(db, { login: "iinsan", role: "study", password: "iinsan-pass-1", displayName: "委員 花子" });
    draftId = await createDraft(db, { title: "CLIの条例案", doc: ensureIds(buildDoc({ title: "CLIの条例案", main: [{ paragraphs: ["この条例は、"] }] })) }, null);
    const { draft, doc } = await loadDraftDoc(db, draftId);
    const [first] = clausesOf(doc, draft.numberingStyle).values();
    await createComment(db, study1, { draftId, clauseId: first!.id, kind: "comment", body: "CLIから書き出す意見です。" });
  } finally {
    await db.close();
  }
  return { workDir, draftId, rows: 1, env: { KIZUNA_DATA_DIR: dataDir }, close: () => rm(workDir, { recursive: true, force: true }) };
}

/** `kizuna …` in its own process, in a directory of the test's, where default file names land. */
function runKizuna(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve("bin/kizuna.js"), ...args], {
      cwd,
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

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") record.push(field), (field = "");
    else if (ch === "\r" && text[i + 1] === "\n") record.push(field), records.push(record), (record = []), (field = ""), i++;
    else if (ch === "\n" || ch === "\r") throw new Error(`bare line break outside quotes at ${i}`);
    else field += ch;
  }
  if (field || record.length) throw new Error("last record not terminated by CRLF");
  return records;
}

function unzip(bytes: Uint8Array): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const files = new Map<string, string>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString("utf8"));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(files));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}
