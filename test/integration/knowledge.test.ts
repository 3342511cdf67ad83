import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../seeds";
import { createDecision, listDecisions } from "../../knowledge/decisions";
import { recordHistory } from "../../knowledge/history";
import { addLink, linksFrom, linksTo } from "../../knowledge/links";
import { listRecords } from "../../knowledge/list";
import { createRecord, getRecord, getSections, updateRecord } from "../../knowledge/records";
import { backends, type TestDatabase } from "../support/db";

const MINUTES_BODY = `## 議題1 相談体制
家族まるごと相談窓口の拡充を議論した。

## 決定事項
休日の相談体制を整える。`;

describe.each(backends)("knowledge base on $name", (backend) => {
  let t: TestDatabase;
  let staffId: number;
  let ptBodyId: number;
  beforeAll(async () => {
    t = await backend.create();
    await seed(t.db);
    [{ id: staffId }] = await t.db.query<{ id: number }>("SELECT id FROM users WHERE login = 'staff1'");
    [{ id: ptBodyId }] = await t.db.query<{ id: number }>("SELECT id FROM bodies WHERE code = 'pt'");
  });
  afterAll(() => t?.drop());

  const minutes = (title: string) =>
    t.db.transaction((tx) =>
      createRecord(
        tx,
        { kind: "minutes", title, bodyText: MINUTES_BODY, bodyId: ptBodyId, date: "2023-04-20", tags: ["相談窓口", "休日対応"] },
        { actorId: staffId },
      ),
    );

  it("stores a record with its sections, tags and the fiscal year its date falls in", async () => {
    const id = await minutes("第1回PT会議 会議録");
    const record = (await getRecord(t.db, id))!;
    expect(record).toMatchObject({ kind: "minutes", title: "第1回PT会議 会議録", fiscalYear: 2023, revision: 1 });
    expect(record.tags).toEqual(["休日対応", "相談窓口"]);
    expect(record.bodyName).toBe("鳥取県庁孤独・孤立対策プロジェクトチーム");
    const sections = await getSections(t.db, id);
    expect(sections.map((s) => s.locator)).toEqual(["議題1 相談体制", "決定事項"]);
    // A date in March belongs to the previous fiscal year.
    const march = await createRecord(t.db, { kind: "material", title: "3月の資料", date: "2023-03-31" }, { actorId: staffId });
    expect((await getRecord(t.db, march))!.fiscalYear).toBe(2022);
    // A bare year (令和3年) says nothing about which fiscal year it belongs to.
    const yearOnly = await createRecord(t.db, { kind: "survey", title: "令和3年の調査", date: "2021-01-01", datePrecision: "year" }, { actorId: staffId });
    expect((await getRecord(t.db, yearOnly))!.fiscalYear).toBeNull();
  });

  it("refuses a save based on an old revision and writes nothing", async () => {
    const id = await minutes("第2回PT会議 会議録");
    await updateRecord(t.db, id, 1, { kind: "minutes", title: "第2回PT会議 会議録（確定）", bodyText: MINUTES_BODY }, { actorId: staffId });
    await expect(
      updateRecord(t.db, id, 1, { kind: "minutes", title: "古い版からの保存" }, { actorId: staffId }),
    ).rejects.toThrow(/他の方が更新しました/);
    expect((await getRecord(t.db, id))!.title).toBe("第2回PT会議 会議録（確定）");
  });

  it("rejects invalid input with Japanese messages", async () => {
    await expect(createRecord(t.db, { kind: "measure", title: "  " }, { actorId: staffId })).rejects.toThrow("タイトルを入力してください。");
    await expect(
      createRecord(t.db, { kind: "measure", title: "x", sourceUrl: "javascript:alert(1)" }, { actorId: staffId }),
    ).rejects.toThrow(/http:\/\/ または https:\/\//);
  });

  it("keeps a readable history of what changed in each revision", async () => {
    const id = await minutes("第3回PT会議 会議録");
    await updateRecord(
      t.db,
      id,
      1,
      { kind: "minutes", title: "第3回PT会議 会議録", bodyText: MINUTES_BODY.replace("休日の", "年末年始を含む休日の"), bodyId: ptBodyId, date: "2023-04-20", tags: ["相談窓口"] },
      { actorId: staffId, note: "決定事項を修正" },
    );
    const [latest, first] = await recordHistory(t.db, id);
    expect(first!.revision).toBe(1);
    expect(latest).toMatchObject({ revision: 2, changedBy: "小林 彩", note: "決定事項を修正" });
    expect(latest!.fields).toEqual([{ field: "tags", label: "タグ", before: "休日対応、相談窓口", after: "相談窓口" }]);
    const [{ kind }] = await t.db.query<{ kind: string }>("SELECT jsonb_typeof(snapshot) AS kind FROM record_revisions WHERE record_id = $1 LIMIT 1", [id]);
    expect(kind).toBe("object");
    expect(latest!.body).toHaveLength(1);
    expect(latest!.body[0]!.after.filter((p) => p.change === "added").map((p) => p.text).join("")).toBe("年末年始を含む");
  });

  it("links a minutes section to a part of another record and shows it as a backlink there", async () => {
    const from = await minutes("第4回PT会議 会議録");
    const to = await createRecord(
      t.db,
      { kind: "measure", title: "家族まるごと相談窓口の拡充", bodyText: "## 概要\n時間を延長する。\n## 実施体制\n支援機関と共同で対応する。" },
      { actorId: staffId },
    );
    const [fromSection] = await getSections(t.db, from);
    const toSection = (await getSections(t.db, to)).find((s) => s.locator === "実施体制")!;
    await addLink(t.db, { type: "record", id: from, anchor: fromSection!.anchor }, { type: "record", id: to, anchor: toSection.anchor }, "議論の対象", staffId);

    const [out] = await linksFrom(t.db, "record", from);
    expect(out).toMatchObject({ reason: "議論の対象", hereLabel: "議題1 相談体制", other: { id: to, title: "家族まるごと相談窓口の拡充", partLabel: "実施体制" } });
    const [back] = await linksTo(t.db, "record", to);
    expect(back).toMatchObject({ hereLabel: "実施体制", other: { id: from, title: "第4回PT会議 会議録", partLabel: "議題1 相談体制" } });

    // The link keeps reading well after the target section is renamed away.
    await updateRecord(t.db, to, 1, { kind: "measure", title: "家族まるごと相談窓口の拡充", bodyText: "## 概要\n時間を延長する。" }, { actorId: staffId });
    const [after] = await linksFrom(t.db, "record", from);
    expect(after!.other.partLabel).toBe("実施体制");

    await expect(
      addLink(t.db, { type: "record", id: from }, { type: "record", id: to, anchor: "h-missing" }, "", staffId),
    ).rejects.toThrow(/箇所が見つかりません/);
  });

  it("lists decisions with their source minutes section and the records they concern", async () => {
    const source = await minutes("第5回PT会議 会議録");
    const measure = await createRecord(t.db, { kind: "measure", title: "休日相談の実施", status: "検討中" }, { actorId: staffId });
    const decisionSection = (await getSections(t.db, source)).find((s) => s.locator === "決定事項")!;
    await createDecision(
      t.db,
      { text: "年末年始の相談体制を整える。", decidedOn: "2023-04-20", bodyId: ptBodyId, sourceRecordId: source, sourceAnchor: decisionSection.anchor, concerns: [measure] },
      staffId,
    );
    const decisions = await listDecisions(t.db, { sourceRecordId: source });
    expect(decisions).toEqual([
      expect.objectContaining({
        text: "年末年始の相談体制を整える。",
        decidedOn: "2023-04-20",
        fiscalYear: 2023,
        sourceTitle: "第5回PT会議 会議録",
        sourceLocator: "決定事項",
        concerns: [{ id: measure, title: "休日相談の実施", kind: "measure" }],
      }),
    ]);
    expect(await listDecisions(t.db, { concernsRecordId: measure })).toHaveLength(1);
    expect(await listDecisions(t.db, { fiscalYear: 2021 })).toHaveLength(0);
  });

  it("filters the record list and counts kinds", async () => {
    const result = await listRecords(t.db, { tag: "相談窓口" });
    expect(result.items.every((r) => r.tags.includes("相談窓口"))).toBe(true);
    expect(result.total).toBe(result.items.length);
    const byKind = await listRecords(t.db, { kind: "measure" });
    expect(byKind.items.map((r) => r.kind)).toEqual(byKind.items.map(() => "measure"));
    expect(byKind.kinds).toEqual([{ value: "measure", count: byKind.total }]);
  });
});

describe.each(backends)("demo knowledge base on $name", (backend) => {
  it("loads every seeded record, decision and link once, however often seeding runs", async () => {
    const t = await backend.create();
    try {
      await seed(t.db);
      await seed(t.db);
      const count = async (sql: string) => (await t.db.query<{ n: number }>(sql))[0]!.n;
      const { RECORDS, DECISIONS, LINKS } = await import("../../seeds/knowledge");
      expect(await count("SELECT count(*)::int AS n FROM records")).toBe(RECORDS.length);
      expect(await count("SELECT count(*)::int AS n FROM decisions")).toBe(DECISIONS.length);
      const concernLinks = DECISIONS.reduce((n, d) => n + d.concerns.length, 0);
      expect(await count("SELECT count(*)::int AS n FROM links")).toBe(LINKS.length + concernLinks);
      // The young carer survey keeps its chart for the record page.
      const [survey] = await t.db.query<{ data: { charts: { bars: { value: number }[] }[] } }>(
        "SELECT data FROM records WHERE title LIKE '%ヤングケアラー%' AND kind = 'survey'",
      );
      expect(survey!.data.charts.length).toBeGreaterThan(0);
    } finally {
      await t.drop();
    }
  });
});
