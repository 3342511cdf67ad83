import { copyFileSync, existsSync, mkdtempSync, openSync, readSync, rmSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecord } from "../../knowledge/records";
import type { SearchDocument, SearchEngine } from "../../search/engine";
import { MeiliSearchEngine } from "../../search/engines/meilisearch";
import { PostgresSearchEngine } from "../../search/engines/postgres";
import { KNOWLEDGE_SOURCES } from "../../knowledge/search-sources";
import { indexFingerprint, SearchIndexer } from "../../search/indexer";
import { meiliBinaryAvailable, meiliBinaryPath, startMeiliServer, verifyMeiliBinary } from "../../search/meili-server";
import { tokenizerFingerprint } from "../../search/text";
import { backends, type TestDatabase } from "../support/db";
import { sharedMeiliServer, stopSharedMeiliServer } from "../support/search-engines";

// What only the Meilisearch engine has: the pinned binary, its index settings, task-based
// writes, and the ASCII-spelled grams that must match exactly what Postgres matches.

const run = meiliBinaryAvailable() || Boolean(process.env.CI);

function chunk(recordId: number, part: string, text: string, extra: Partial<SearchDocument> = {}): SearchDocument {
  return {
    id: `record:${recordId}:${part}`, sourceType: "record", sourceId: recordId, recordId, draftId: null, anchor: part, locator: null,
    title: `資料${recordId}`, kind: "material", bodyId: null, bodyName: null, departmentId: null, departmentName: null,
    fiscalYear: 2024, date: "2024-04-01", tags: [], text, ...extra,
  };
}

describe.skipIf(!run)("Meilisearch server", () => {
  it("refuses to run a binary whose hash is not the pinned release", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kizuna-tampered-"));
    try {
      const copy = path.join(dir, "meilisearch");
      copyFileSync(meiliBinaryPath()!, copy);
      // Flip one byte in the middle of the file.
      const fd = openSync(copy, "r+");
      const byte = Buffer.alloc(1);
      readSync(fd, byte, 0, 1, 1_000_000);
      writeSync(fd, Buffer.from([byte[0]! ^ 0xff]), 0, 1, 1_000_000);
      closeSync(fd);
      await expect(startMeiliServer({ binaryPath: copy })).rejects.toThrow(/想定と異なる.*sha256/);
      await expect(verifyMeiliBinary(meiliBinaryPath()!)).resolves.toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stops the server and removes its data directory", async () => {
    const server = await startMeiliServer();
    expect((await fetch(`${server.url}/health`)).ok).toBe(true);
    expect(existsSync(server.dataDir)).toBe(true);
    await server.stop();
    expect(existsSync(server.dataDir)).toBe(false);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});

describe.skipIf(!run)("Meilisearch engine", () => {
  let t: TestDatabase;
  let meili: MeiliSearchEngine;
  let postgres: PostgresSearchEngine;

  beforeAll(async () => {
    t = await backends[0]!.create();
    postgres = new PostgresSearchEngine(t.db);
    const { url, masterKey } = await sharedMeiliServer();
    meili = await MeiliSearchEngine.connect({ url, apiKey: masterKey, indexUid: `meili_test_${Date.now().toString(36)}` });
  });
  afterAll(async () => {
    await meili?.deleteIndex();
    await t?.drop();
    await stopSharedMeiliServer();
  });

  it("applies its settings: Japanese locale, exact grams", async () => {
    const settings = await meili.settings();
    expect(settings.localizedAttributes).toEqual([{ attributePatterns: ["*"], locales: ["jpn"] }]);
    expect(settings.proximityPrecision).toBe("byWord");
    expect((settings.typoTolerance as { enabled: boolean }).enabled).toBe(false);
    expect((settings.pagination as { maxTotalHits: number }).maxTotalHits).toBeGreaterThanOrEqual(2000);
    expect(settings.searchableAttributes).toEqual(["titleGrams", "titleMarks", "grams", "marks"]);
  });

  it("shows a replaced source to the very next search", async () => {
    await meili.upsert([chunk(1, "a", "ヤングケアラーの実態調査"), chunk(1, "b", "回答の割合"), chunk(2, "a", "別の記録")]);
    expect((await meili.search({ query: "実態調査" })).total).toBe(1);
    // One hit per record, though both chunks of record 1 match (asked per query, not set on the index).
    const both = await meili.search({ query: "の" });
    expect(both.hits.map((h) => h.recordId).sort()).toEqual([1, 2]);
    expect(both.total).toBe(2);
    expect(both.facets.kind).toEqual([{ value: "material", count: 2 }]);
    await meili.replaceSource("record", 1, [chunk(1, "a", "家族まるごと相談窓口")]);
    expect((await meili.search({ query: "実態調査" })).total).toBe(0);
    expect((await meili.search({ query: "相談窓口" })).hits.map((h) => h.id)).toEqual(["record:1:a"]);
    expect(await meili.count()).toBe(2);
    await meili.replaceSource("record", 1, []);
    expect((await meili.search({ query: "相談窓口" })).total).toBe(0);
    expect(await meili.count()).toBe(1);
    await meili.clear();
    expect(await meili.count()).toBe(0);
  });

  // Texts and queries where a careless mapping of grams to Meilisearch words goes wrong:
  // reversed compounds, phrases across 、 and ・, a phrase starting at a run's last
  // character, lone characters, digits and Latin, clauses spread over a record's sections.
  const texts = [
    "官民連携プラットフォームを設置する。",
    "民官の連携について検討した。",
    "孤独・孤立対策推進法第2条の2に定める。",
    "鳥取県・市町村の相談窓口（令和3年12月）",
    "子ども・若者の居場所づくり、8050問題。",
    "NPO法人と県が協働する。第二条の二",
    // Two spellings of one word in one record: searched as parts, it is still counted once.
    "こども食堂と子供の居場所（2021年・令和3年）",
  ];
  const queries = [
    "官民連携", "民官連携", "孤独・孤立", "孤立対策", "第2条の2", "第2条", "法第2条", "県・市町村", "県 市町村", "和3年12",
    "も・若者", "県", "鳥", "の", "8050", "npo 協働", "居場所 相談窓口", "連携 -民官", "官民 OR 孤独", "令和3年", "第二条の二",
    // Other spellings (searched as disjoint parts, or merged by a federated search) and an
    // exclusion of more than one word (looked up).
    "子供", "2021年 相談窓口", "連携 -第2条", "子ども 居場所 -8050",
    // More combinations of spellings than are searched one by one (3 × 5 × 2 = 30): looked up.
    "子供 こども OR 居場所 OR 相談窓口 ８０５０問題",
  ];

  it("replaces many sources in one call, removing the emptied ones", async () => {
    for (const engine of [meili, postgres] as SearchEngine[]) {
      await engine.upsert([chunk(40, "a", "官民連携の会議"), chunk(40, "b", "古い節"), chunk(41, "a", "ヤングケアラーの支援")]);
      await engine.replaceSources([
        { sourceType: "record", sourceId: 40, docs: [chunk(40, "a", "官民連携の新しい会議")] },
        { sourceType: "record", sourceId: 41, docs: [] },
        { sourceType: "record", sourceId: 42, docs: [chunk(42, "a", "ヤングケアラーの相談")] },
      ]);
      expect((await engine.search({ query: "古い節" })).total, engine.name).toBe(0);
      expect((await engine.search({ query: "ヤングケアラー" })).hits.map((h) => h.id), engine.name).toEqual(["record:42:a"]);
      expect((await engine.search({ query: "新しい会議" })).hits.map((h) => h.id), engine.name).toEqual(["record:40:a"]);
      await engine.replaceSources([40, 42].map((sourceId) => ({ sourceType: "record" as const, sourceId, docs: [] })));
    }
  });

  it("finds and shows a section far into a record longer than Meilisearch indexes in one attribute", async () => {
    // 400 sections of about 200 characters: some 80,000 grams, past the 65,535 positions
    // Meilisearch keeps of one attribute, so the record is spread over several.
    const filler = "地域の見守り活動について関係機関と情報を共有し、支え合いの体制を整える。".repeat(6);
    const sections = Array.from({ length: 400 }, (_, i) => chunk(70, `s${i}`, i === 398 ? `${filler}統轄監が取りまとめる。` : filler));
    await meili.upsert(sections);
    expect(await meili.count()).toBe(400);
    const found = await meili.search({ query: "統轄監" });
    expect(found.total).toBe(1);
    expect(found.hits[0]!.id).toBe("record:70:s398");
    expect(found.hits[0]!.snippet.text).toContain("統轄監");
    await meili.replaceSource("record", 70, []);
    expect(await meili.count()).toBe(0);
  });

  it("matches exactly what the Postgres engine matches", async () => {
    const docs = texts.flatMap((text, i) => [chunk(10 + i, "a", text), chunk(10 + i, "b", texts[(i + 1) % texts.length]!.slice(0, 6))]);
    await meili.upsert(docs);
    await postgres.upsert(docs);
    for (const query of queries) {
      const [a, b] = await Promise.all([postgres.search({ query, pageSize: 100 }), meili.search({ query, pageSize: 100 })]);
      const records = (r: typeof a) => r.hits.map((h) => h.recordId).sort();
      expect(records(b), query).toEqual(records(a));
      expect(b.total, query).toBe(a.total);
      expect(b.facets.kind, query).toEqual(a.facets.kind);
    }
  });

  it("finds a year in any spelling exactly as the Postgres engine does, by one word for the year", async () => {
    // The texts a year's mark (meili-grams.ts) must tell apart: every spelling of a year, a
    // fiscal year, 元年, an era year past its era's end, digits written otherwise, a year
    // glued to letters, and an era name ending a longer run.
    const years = [
      "平成30年度の調査と2018年の統計",
      "令和元年度の計画、平成31年3月の会議",
      "令和元年の白書",
      "平成32年度までの計画（策定時の表記）",
      "2019年の実績と令和1年度の予算",
      "平成05年の記録、平成三十年の記録",
      "型番a2018年版と令和2年",
      "昭和平成30年の比較",
      "2020年度の予算、r4の予算",
      "令和4年度予算の相談",
    ];
    const docs = years.map((text, i) => chunk(200 + i, "a", text));
    await meili.upsert(docs);
    await postgres.upsert(docs);
    const yearQueries = [
      "2018年", "平成30年", "平成30年度", "2018年度", "2019年", "令和元年", "令和元年度", "平成31年", "令和1年度", "2019年度",
      "2020年", "平成32年", "平成32年度", "令和2年度", "2020年度", "平成5年", "1993年", "平成05年", "平成三十年", "r4", "h30",
      "2022年度", "令和4年度 予算", "予算 -令和元年", "計画 -2019年度", "2018年 OR 2020年", "令和元年 計画",
    ];
    // A synonym can bring one spelling of a year without the others: then it is not the year's mark.
    const requests = [...yearQueries.map((query) => ({ query })), { query: "統計", synonyms: [["統計", "2018年"]] }];
    for (const request of requests) {
      const [a, b] = await Promise.all([postgres.search({ ...request, pageSize: 100 }), meili.search({ ...request, pageSize: 100 })]);
      expect(b.hits.map((h) => h.recordId).sort(), request.query).toEqual(a.hits.map((h) => h.recordId).sort());
      expect(b.total, request.query).toBe(a.total);
    }
    // The queries find something: otherwise the comparison above would prove little.
    expect((await meili.search({ query: "平成30年" })).hits.map((h) => h.recordId).sort()).toEqual([200, 207]);
    expect((await meili.search({ query: "令和元年度" })).hits.map((h) => h.recordId).sort()).toEqual([201, 204]);
    expect((await meili.search({ query: "2020年" })).hits.map((h) => h.recordId).sort()).toEqual([206, 208]);
    await meili.replaceSources(docs.map((d) => ({ sourceType: "record" as const, sourceId: d.sourceId, docs: [] })));
    await postgres.replaceSources(docs.map((d) => ({ sourceType: "record" as const, sourceId: d.sourceId, docs: [] })));
  });

  it("pages through other spellings and sorts them by date without repeating a record", async () => {
    const docs = texts.map((text, i) => ({ ...chunk(90 + i, "a", text), date: `202${i}-04-01` }));
    await meili.upsert(docs);
    for (const query of ["子供", "令和3年", "官民 OR 孤独", "子ども 居場所 -8050"]) {
      for (const sort of ["relevance", "newest"] as const) {
        const all = await meili.search({ query, sort, pageSize: 100 });
        const pages = [1, 2, 3].map((page) => meili.search({ query, sort, page, pageSize: 1 }));
        const paged = (await Promise.all(pages)).flatMap((r) => r.hits.map((h) => h.recordId));
        expect(paged, `${query} ${sort}`).toEqual(all.hits.slice(0, 3).map((h) => h.recordId));
        expect(new Set(all.hits.map((h) => h.recordId)).size, query).toBe(all.hits.length);
        if (sort === "newest") {
          const dates = all.hits.map((h) => h.date ?? "");
          expect(dates, query).toEqual([...dates].sort().reverse());
        }
      }
    }
    await meili.replaceSources(docs.map((d) => ({ sourceType: "record" as const, sourceId: d.sourceId, docs: [] })));
  });
});

describe.skipIf(!run)("search indexer with Meilisearch", () => {
  let t: TestDatabase;
  let meili: MeiliSearchEngine;
  const outboxRows = async () => (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM search_outbox"))[0]!.n;
  const material = (title: string, text: string) => createRecord(t.db, { kind: "material", title, bodyText: `## 概要\n${text}` }, { actorId: null });

  beforeAll(async () => {
    t = await backends[0]!.create();
    const { url, masterKey } = await sharedMeiliServer();
    meili = await MeiliSearchEngine.connect({ url, apiKey: masterKey, indexUid: `indexer_test_${Date.now().toString(36)}` });
  });
  afterAll(async () => {
    await meili?.deleteIndex();
    await t?.drop();
    await stopSharedMeiliServer();
  });

  it("rebuilds an empty index although the tokenizer fingerprint is current", async () => {
    // As when MEILI_URL is switched on for a database whose index was built before, or the
    // Meilisearch data was lost: the fingerprint in the database says nothing is to be done.
    const id = await material("空の索引の確認", "レスパイトケアの拠点を整える。");
    await t.db.query("DELETE FROM search_outbox");
    await t.db.query("INSERT INTO search_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [
      "tokenizer:meilisearch",
      indexFingerprint(meili),
    ]);
    const indexer = new SearchIndexer(t.db, meili, KNOWLEDGE_SOURCES);
    expect(await meili.count()).toBe(0);
    expect(await indexer.ensureCurrent()).toBe(true);
    expect(await meili.count()).toBeGreaterThan(0);
    expect((await meili.search({ query: "レスパイトケア" })).hits.map((h) => h.recordId)).toContain(id);
    expect(await indexer.ensureCurrent()).toBe(false);
  });

  it("rebuilds an index built with an older document format", async () => {
    // As after an upgrade that changed what Meilisearch documents hold (format 2 added year marks).
    await t.db.query("INSERT INTO search_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [
      "tokenizer:meilisearch",
      tokenizerFingerprint(),
    ]);
    const indexer = new SearchIndexer(t.db, meili, KNOWLEDGE_SOURCES);
    expect(await indexer.ensureCurrent()).toBe(true);
    expect((await t.db.query<{ value: string }>("SELECT value FROM search_meta WHERE key = 'tokenizer:meilisearch'"))[0]!.value).toBe(indexFingerprint(meili));
    expect(await indexer.ensureCurrent()).toBe(false);
  });

  it("keeps outbox rows until the engine has taken the batch", async () => {
    const ids = [await material("記録一", "ギフ鳥の配布"), await material("記録二", "ギフ鳥の広報"), await material("記録三", "ギフ鳥の効果")];
    expect(await outboxRows()).toBe(3);
    const down = new Proxy(meili, {
      get: (target, property) => (property === "replaceSources" ? async () => Promise.reject(new Error("Meilisearch is down")) : Reflect.get(target, property, target)),
    });
    await expect(new SearchIndexer(t.db, down, KNOWLEDGE_SOURCES).drain()).rejects.toThrow("Meilisearch is down");
    expect(await outboxRows()).toBe(3);
    expect(await new SearchIndexer(t.db, meili, KNOWLEDGE_SOURCES).drain()).toBe(3);
    expect(await outboxRows()).toBe(0);
    expect((await meili.search({ query: "ギフ鳥" })).hits.map((h) => h.recordId).sort()).toEqual([...ids].sort());
  });
});
