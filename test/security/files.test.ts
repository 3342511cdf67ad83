import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../cli/operations";
import { Agent, startSecurityApp, type SecurityApp } from "./harness";
import { buildZip, deflateEntry, zeroDocx } from "./zip";

// Hostile files through every importer: XML with a DTD (XXE, billion laughs) through the
// draft import and the knowledge import, web and CLI; DOCX zip bombs; file names that try
// to climb out of a directory. Refused with a Japanese message, quickly, having read
// nothing, fetched nothing and written nothing outside the database.

const CANARY = `kizuna-canary-${Date.now()}`;

interface ImportAnswer {
  items?: { fileName: string; status: string; error: string | null }[];
  error?: string;
}

describe("hostile files", () => {
  let s: SecurityApp;
  let pt: Agent;
  let dir: string;
  let canaryPath: string;
  let lure: http.Server;
  let lureUrl: string;
  const lureHits: string[] = [];

  beforeAll(async () => {
    s = await startSecurityApp();
    pt = await new Agent(s.origin).logIn("pt1");
    dir = await mkdtemp(path.join(os.tmpdir(), "kizuna-files-"));
    canaryPath = path.join(dir, "secret.txt");
    await writeFile(canaryPath, CANARY);
    // An external DTD and entity would be fetched from here: nothing may ever ask.
    lure = http.createServer((req, res) => {
      lureHits.push(req.url ?? "");
      res.end(`<!ENTITY leak "${CANARY}">`);
    });
    await new Promise<void>((resolve) => lure.listen(0, "127.0.0.1", resolve));
    lureUrl = `http://127.0.0.1:${(lure.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => lure?.close(resolve));
    await s?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const law = (doctype: string, sentence: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n${doctype}\n<Law Era="Reiwa" Year="7" Num="1" LawType="Misc" Lang="ja"><LawBody><LawTitle>攻撃条例</LawTitle><MainProvision><Article Num="1"><ArticleTitle>第1条</ArticleTitle><Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence Num="1">${sentence}</Sentence></ParagraphSentence></Paragraph></Article></MainProvision></LawBody></Law>`;

  const hostileXml = () => ({
    "XXE (file)": law(`<!DOCTYPE Law [<!ENTITY xxe SYSTEM "file://${canaryPath}">]>`, "&xxe;"),
    "XXE (http)": law(`<!DOCTYPE Law [<!ENTITY xxe SYSTEM "${lureUrl}/entity">]>`, "&xxe;"),
    "external DTD": law(`<!DOCTYPE Law SYSTEM "${lureUrl}/law.dtd">`, "本文"),
    "parameter entity": law(`<!DOCTYPE Law [<!ENTITY % remote SYSTEM "${lureUrl}/param.dtd"> %remote;]>`, "&leak;"),
    "billion laughs": law(
      `<!DOCTYPE Law [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i ? i : ""};`.repeat(10)}">`).join("")}]>`,
      "&lol9;",
    ),
    "quadratic blowup": law(`<!DOCTYPE Law [<!ENTITY a "${"A".repeat(50_000)}">]>`, "&a;".repeat(20_000)),
    "DOCTYPE after a comment": law(`<!-- 注記 --><!DOCTYPE Law [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`, "&xxe;"),
  });

  /** Nothing of the canary or /etc/passwd anywhere in the database, and no request to the lure. */
  async function nothingLeaked() {
    const tables = await s.db.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()");
    const hex = Buffer.from(CANARY).toString("hex");
    for (const { name } of tables) {
      const [row] = await s.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${name}" t WHERE t::text LIKE $1 OR t::text LIKE $2 OR t::text LIKE $3`,
        [`%${CANARY}%`, `%${hex}%`, "%root:x:0:0%"],
      );
      expect(row!.n, `${name} holds leaked content`).toBe(0);
    }
    expect(lureHits).toEqual([]);
  }

  const timed = async <T>(run: () => Promise<T>, limitMs = 5000): Promise<T> => {
    const start = performance.now();
    const result = await run();
    expect(performance.now() - start).toBeLessThan(limitMs);
    return result;
  };

  it("refuses XML with a DTD through the draft import, in Japanese, having read and fetched nothing", async () => {
    const [{ before }] = await s.db.query<{ before: number }>("SELECT count(*)::int AS before FROM drafts");
    for (const [name, xml] of Object.entries(hostileXml())) {
      const res = await timed(() => pt.request("POST", "/drafts", { multipart: { fields: { title: "" }, files: [{ name: "law.xml", content: xml, type: "application/xml" }] } }));
      const html = await res.text();
      expect(res.status, name).toBe(400);
      expect(html, name).toMatch(/DOCTYPE宣言（DTD）|ENTITY宣言/);
      expect(html).toContain("DTDを含むXMLは受け付けません");
      expect(html).not.toContain(CANARY);
    }
    const [{ after }] = await s.db.query<{ after: number }>("SELECT count(*)::int AS after FROM drafts");
    expect(after).toBe(before);
    await nothingLeaked();
  });

  it("refuses the same XML through the knowledge import (web) and marks each file failed", async () => {
    const files = Object.entries(hostileXml()).map(([name, content], i) => ({ name: `law-${i}.xml`, content, type: "application/xml", what: name }));
    const res = await timed(() => pt.request("POST", "/api/import", { multipart: { fields: { batch: crypto.randomUUID() }, files } }), 10_000);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as ImportAnswer;
    expect(answer.items).toHaveLength(files.length);
    for (const item of answer.items!) {
      expect(item.status, item.fileName).toBe("failed");
      expect(item.error).toMatch(/DTDを含むXMLは受け付けません/);
    }
    await nothingLeaked();
  });

  it("refuses it through the CLI's draft and knowledge imports", async () => {
    for (const [name, xml] of Object.entries(hostileXml())) {
      const file = path.join(dir, "law.xml");
      await writeFile(file, xml);
      await expect(timed(() => operations["draft.import"](s.app.services, { path: file })), name).rejects.toThrow(/DTDを含むXMLは受け付けません/);
      await expect(timed(() => operations["import.file"](s.app.services, { path: file })), name).rejects.toThrow(/DTDを含むXMLは受け付けません/);
    }
    await nothingLeaked();
  });

  it("keeps an undeclared entity and an XInclude as inert text", async () => {
    const xml = law("", `&xxe;<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://${canaryPath}" parse="text"/>`);
    const res = await pt.request("POST", "/api/import", { multipart: { fields: { batch: crypto.randomUUID() }, files: [{ name: "law.xml", content: xml, type: "application/xml" }] } });
    expect(res.status).toBe(200);
    const [item] = ((await res.json()) as ImportAnswer).items!;
    // Refused (an element the schema does not know) or read with the text as written: never the file.
    if (item!.status === "failed") expect(item!.error).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    await nothingLeaked();
  });

  it("refuses DOCX zip bombs before they are inflated, whatever their headers say", async () => {
    const MB = 1024 * 1024;
    const bombs: Record<string, Uint8Array> = {
      "8 MB of zeros (ratio ~1000:1)": zeroDocx(8 * MB),
      "8 MB of zeros declared as 1 KB": zeroDocx(8 * MB, 1024),
      "declared 200 MB": zeroDocx(64 * 1024, 200 * MB),
      "2,001 entries": buildZip(Array.from({ length: 2001 }, (_, i) => deflateEntry(`word/part${i}.xml`, new Uint8Array(10)))),
    };
    const files = Object.entries(bombs).map(([, content], i) => ({ name: `bomb-${i}.docx`, content, type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }));
    expect(Math.max(...files.map((f) => f.content.length))).toBeLessThan(256 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const res = await timed(() => pt.request("POST", "/api/import", { multipart: { fields: { batch: crypto.randomUUID() }, files } }), 10_000);
    const answer = (await res.json()) as ImportAnswer;
    expect(answer.items!.map((i) => [i.fileName, i.status, i.error?.includes("安全のため取り込みを中止しました")])).toEqual(
      files.map((f) => [f.name, "failed", true]),
    );
    // Nothing inflated the 200 MB the headers promised.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * MB);
  });

  it("stores hostile upload names as data and writes nothing where they point", async () => {
    const names = [
      "../../etc/passwd.txt",
      "..\\..\\windows\\win.ini.txt",
      "/etc/passwd.md",
      "C:\\Windows\\system.ini.txt",
      "....//....//kizuna-escape.txt",
      "%2e%2e%2f%2e%2e%2fkizuna-escape.txt",
      "~/.ssh/authorized_keys.md",
      "\"quoted\" name.txt",
      "line\r\nX-Injected: 1.txt",
      `${"長".repeat(300)}.txt`,
    ];
    const passwd = statSync("/etc/passwd").mtimeMs;
    const batch = crypto.randomUUID();
    const res = await pt.request("POST", "/api/import", { multipart: { fields: { batch }, files: names.map((name, i) => ({ name, content: `経路の確認 ${i}`, type: "text/plain" })) } });
    expect(res.status).toBe(200);
    const items = ((await res.json()) as ImportAnswer).items!;
    expect(items.map((i) => i.status)).toEqual(names.map(() => "ready"));
    for (const item of items) {
      expect(item.fileName, item.fileName).not.toMatch(/^\/|\.\.\//);
    }
    // Saved: each original is a row (bytea) behind its record, and comes back as an attachment.
    const rows = await s.db.query<{ id: number }>("SELECT id FROM import_items WHERE batch = $1 ORDER BY id", [batch]);
    const form: Record<string, string> = { batch };
    for (const { id } of rows) Object.assign(form, { [`i${id}.save`]: "on", [`i${id}.kind`]: "measure", [`i${id}.title`]: `経路${id}` });
    expect((await pt.post("/knowledge/import", form)).status).toBe(302);
    const files = await s.db.query<{ id: number; name: string; content: Uint8Array }>(
      "SELECT f.id, f.name, f.content FROM files f JOIN import_items i ON i.file_id = f.id WHERE i.batch = $1 ORDER BY i.id",
      [batch],
    );
    expect(files).toHaveLength(names.length);
    for (const [i, file] of files.entries()) {
      expect(Buffer.from(file.content).toString("utf8")).toBe(`経路の確認 ${i}`);
      const download = await pt.get(`/files/${file.id}`);
      expect(download.status).toBe(200);
      const disposition = download.headers.get("content-disposition")!;
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x21\x23-\x5b\x5d-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!'()*._~-]*$/);
      expect(download.headers.get("x-content-type-options")).toMatch(/nosniff/);
      expect(download.headers.get("x-injected")).toBeNull();
      expect(await download.text()).toBe(`経路の確認 ${i}`);
    }
    for (const name of names) {
      for (const base of [process.cwd(), os.tmpdir(), dir]) {
        const target = path.resolve(base, name.replace(/\\/g, "/"));
        if (target !== "/etc/passwd.md" || !existsSync(target)) expect(existsSync(target), target).toBe(false);
      }
    }
    expect(statSync("/etc/passwd").mtimeMs).toBe(passwd);
  });

  it("refuses a name the upload parser cannot read (\";\", \"=\") in Japanese instead of failing", async () => {
    for (const name of ["a;b.txt", "onerror=alert(1).txt", "x\"; name=\"batch.txt"]) {
      const res = await pt.request("POST", "/api/import", { multipart: { fields: { batch: crypto.randomUUID() }, files: [{ name, content: "本文", type: "text/plain" }] } });
      expect(res.status, name).toBe(400);
      expect(((await res.json()) as ImportAnswer).error).toContain("ファイル名に「;」や「=」が含まれている場合は");
    }
    // A hand-made part whose header breaks off mid-way: the same answer.
    const boundary = "----kizuna";
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="batch"\r\n\r\n${crypto.randomUUID()}\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a\r\n\r\nx\r\n--${boundary}--\r\n`;
    const res = await pt.request("POST", "/api/import", { raw: { body, contentType: `multipart/form-data; boundary=${boundary}` } });
    expect(res.status).toBeLessThan(500);
  });
});
