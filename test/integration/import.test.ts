import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToBatch, discardBatch, getBatch, saveBatchItem } from "../../knowledge/import-batch";
import { importFile } from "../../knowledge/import";
import { getRecord, getSections } from "../../knowledge/records";
import { seed } from "../../seeds";
import { backends, type TestDatabase } from "../support/db";
import { buildDocx } from "../support/fixtures/docx";
import { findJapaneseFont, NO_FONT_REASON } from "../support/fixtures/japanese-font";
import { buildJapanesePdf } from "../support/fixtures/pdf";
import { buildZip, zerosEntry } from "../support/fixtures/zip";
import { Client, startHttpApp } from "../support/http-app";

const ORDINANCE = { fileName: "jorei.xml", bytes: readFileSync(path.resolve("test/fixtures/egov/kodoku-koritsu-jorei.xml")) };
const font = findJapaneseFont();
if (!font) console.log(`[kizuna tests] ${NO_FONT_REASON}`);

describe.each(backends)("importing documents on $name", (backend) => {
  let t: TestDatabase;
  let staffId: number;
  beforeAll(async () => {
    t = await backend.create();
    await seed(t.db);
    [{ id: staffId }] = await t.db.query<{ id: number }>("SELECT id FROM users WHERE login = 'staff1'");
  });
  afterAll(() => t?.drop());

  const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  it("imports an e-Gov XML ordinance as a law whose articles can be linked, keeping the original file", async () => {
    const { id, kind } = await t.db.transaction((tx) => importFile(tx, ORDINANCE, { actorId: staffId }));
    expect(kind).toBe("law");
    const sections = await getSections(t.db, id);
    const articles = sections.filter((s) => s.kind === "article");
    expect(articles.length).toBeGreaterThan(3);
    expect(articles[0]!.locator).toBe("第1条");
    const record = (await getRecord(t.db, id))!;
    const [file] = await t.db.query<{ size: number; content: Uint8Array }>("SELECT size, content FROM files WHERE id = $1", [record.sourceFileId]);
    expect(Buffer.from(file!.content).equals(ORDINANCE.bytes)).toBe(true);
  });

  it("serves the original file as an attachment to people who may read records", async () => {
    const app = await startHttpApp(t.db);
    try {
      const [{ fileId }] = await t.db.query<{ fileId: number }>("SELECT source_file_id AS \"fileId\" FROM records WHERE source_file_id IS NOT NULL LIMIT 1");
      const study = await new Client(app.origin).logIn("study1");
      const res = await study.get(`/files/${fileId}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="jorei.xml"; filename*=UTF-8''jorei.xml`);
      expect(Buffer.from(await res.arrayBuffer()).equals(ORDINANCE.bytes)).toBe(true);
      expect((await new Client(app.origin).get(`/files/${fileId}`)).status).toBe(302);
    } finally {
      await app.close();
    }
  });

  it("previews a batch, reports a bad file by name and stores nothing for it", async () => {
    const filesBefore = await count("files");
    const batch = crypto.randomUUID();
    const bomb = buildZip([zerosEntry("word/document.xml", 200)]);
    await addToBatch(t.db, batch, ORDINANCE, staffId);
    await addToBatch(t.db, batch, { fileName: "bomb.docx", bytes: bomb }, staffId);
    await addToBatch(t.db, batch, { fileName: "evil.xml", bytes: new TextEncoder().encode('<!DOCTYPE x [<!ENTITY a "aaaa">]><Law/>') }, staffId);
    await addToBatch(t.db, batch, { fileName: "data.xml", bytes: new TextEncoder().encode('<?xml version="1.0"?><Data/>') }, staffId);
    const items = await getBatch(t.db, batch, staffId);
    expect(items.map((i) => [i.fileName, i.status])).toEqual([
      ["jorei.xml", "ready"],
      ["bomb.docx", "failed"],
      ["evil.xml", "failed"],
      ["data.xml", "failed"],
    ]);
    expect(items[1]!.error).toContain("bomb.docx");
    expect(items[2]!.error).toMatch(/^evil\.xml：.*(DOCTYPE|宣言)/);
    expect(items[3]!.error).toMatch(/^data\.xml：.*Law/);
    expect(await count("files")).toBe(filesBefore + 1);
    // Another person cannot see or save this batch.
    expect(await getBatch(t.db, batch, staffId + 1)).toEqual([]);
  });

  it("saves a previewed file with the metadata a person corrected, once", async () => {
    const batch = crypto.randomUUID();
    const docx = await buildDocx([
      { heading: 1, text: "令和5年度 相談体制の見直しについて" },
      { paragraph: "令和5年6月21日、PTで休日の相談体制を検討した。" },
      { heading: 2, text: "検討結果" },
      { paragraph: "東部・中部・西部の窓口で休日も対応する。" },
    ]);
    const item = await addToBatch(t.db, batch, { fileName: "soudan.docx", bytes: docx }, staffId);
    expect(item.status).toBe("ready");
    expect(item.preview!.suggestion.date).toBe("2023-06-21");
    const recordId = await saveBatchItem(t.db, item.id, staffId, { kind: "minutes", title: "相談体制の見直し（PT資料）", bodyText: item.preview!.bodyText });
    const record = (await getRecord(t.db, recordId))!;
    expect(record).toMatchObject({ kind: "minutes", title: "相談体制の見直し（PT資料）" });
    expect((await getSections(t.db, recordId)).map((s) => s.locator)).toContain("検討結果");
    await expect(saveBatchItem(t.db, item.id, staffId, { kind: "minutes", title: "二重保存" })).rejects.toThrow(/既に保存されています/);
  });

  it("discards the unsaved files of a batch", async () => {
    const batch = crypto.randomUUID();
    await addToBatch(t.db, batch, ORDINANCE, staffId);
    const filesBefore = await count("files");
    await discardBatch(t.db, batch, staffId);
    expect(await getBatch(t.db, batch, staffId)).toEqual([]);
    expect(await count("files")).toBe(filesBefore - 1);
  });

  it.skipIf(!font)("imports a PDF whose text carries radical code points and broken lines", async () => {
    const pdf = await buildJapanesePdf(font!, [
      [
        { text: "孤独・孤立対策の推進について", y: 780, size: 16 },
        { text: "県⺠の孤立を防ぐため、⻄部の相談窓口を拡充", y: 740 },
        { text: "する。", y: 722 },
      ],
    ]);
    const { id } = await t.db.transaction((tx) => importFile(tx, { fileName: "suishin.pdf", bytes: pdf }, { actorId: staffId }));
    const record = (await getRecord(t.db, id))!;
    expect(record.bodyText).toContain("県民の孤立を防ぐため、西部の相談窓口を拡充する。");
    expect(record.bodyText).not.toMatch(/[⺠⻄]/);
  });
});
