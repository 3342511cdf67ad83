import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../knowledge/import";
import { createRecord } from "../../knowledge/records";
import type { SearchEngine, SearchRequest } from "../../search/engine";
import { KNOWLEDGE_SOURCES } from "../../knowledge/search-sources";
import { SearchIndexer } from "../../search/indexer";
import { seed } from "../../seeds";
import { backends, type TestDatabase } from "../support/db";
import { engineFactories } from "../support/search-engines";

// One contract for every engine: the same judged queries over the demo data must find the
// same records in their top five, and no input may break a search. Judgements were made
// by reading the seed texts, not by running an engine.

interface Case {
  q: string;
  why: string;
  /** Records (seed keys, or "fixture:…") that must be among the top five records. */
  top5?: string[];
  /** Records that must not appear at all. */
  absent?: string[];
  minTotal?: number;
  filters?: SearchRequest["filters"];
}

const CASES: Case[] = [
  { q: "官民連携", why: "compound typed in part", top5: ["national-platform", "tottori-platform"] },
  { q: "官民連携プラットフォーム", why: "the full compound", top5: ["national-platform", "tottori-platform"] },
  { q: "民官連携", why: "a reversed compound is not the same word", absent: ["national-platform", "tottori-platform"] },
  { q: "ヤングケアラー", why: "katakana term", top5: ["tottori-young-carer-survey"] },
  { q: "やんぐけあらー", why: "hiragana for katakana", top5: ["tottori-young-carer-survey"] },
  { q: "ﾔﾝｸﾞｹｱﾗｰ", why: "half-width katakana", top5: ["tottori-young-carer-survey"] },
  { q: "ヤングケアラ－", why: "full-width hyphen for the long vowel", top5: ["tottori-young-carer-survey"] },
  { q: "8050問題", why: "half-width digits", top5: ["tottori-hikikomori-survey"] },
  { q: "８０５０問題", why: "full-width digits", top5: ["tottori-hikikomori-survey"] },
  { q: "８０５０", why: "digits alone", top5: ["tottori-hikikomori-survey"] },
  { q: "ひきこもり", why: "kana word kept whole", top5: ["tottori-hikikomori-survey"] },
  { q: "引きこもり", why: "表記揺れ synonym", top5: ["tottori-hikikomori-survey"] },
  { q: "子供 18歳以下", why: "子ども/子供 synonym", top5: ["national-info-site"] },
  { q: "県⺠", why: "radical code point in the query", top5: ["fixture:variants"] },
  { q: "西部", why: "radical code point in the text (⻄部)", top5: ["fixture:variants", "tottori-consultation-flow"] },
  { q: "髙齢夫婦世帯", why: "variant kanji in the query", top5: ["tottori-elderly-couple-households"] },
  { q: "高齢者", why: "old form 髙 in the text", top5: ["fixture:variants"] },
  { q: "令和4年度 相談", why: "era fiscal year with a word", top5: ["national-platform"] },
  { q: "2022年度", why: "Western year finds 令和4年度", top5: ["national-platform"] },
  { q: "令和3年", why: "era year", top5: ["national-survey-2021", "tottori-young-carer-survey"] },
  { q: "R3 基礎調査", why: "abbreviated era", top5: ["national-survey-2021"] },
  { q: "2021年 ヤングケアラー", why: "Western year finds 令和3年", top5: ["tottori-young-carer-survey"] },
  { q: "平成30年 ひきこもり", why: "Heisei year", top5: ["tottori-hikikomori-survey"] },
  { q: "県", why: "one character", minTotal: 10 },
  { q: "条例", why: "two characters", top5: ["tottori-measure-ordinance-study"] },
  { q: "鳥", why: "one character inside a word (ギフ鳥)", minTotal: 3 },
  { q: "第2条の2", why: "article number, horizontal style", top5: ["fixture:ordinance"] },
  { q: "第二条の二", why: "article number, vertical style", top5: ["fixture:ordinance"] },
  { q: "第5条", why: "a citation ending in one kanji, inside a longer one (第5条第1項)", top5: ["fixture:variants"] },
  { q: "ギフ鳥", why: "mixed katakana and kanji", top5: ["tottori-measure-giftori-npo-support"] },
  { q: "ぎふ鳥", why: "hiragana for the katakana part", top5: ["tottori-measure-giftori-npo-support"] },
  { q: "ギフ鳥 OR ノベルティ", why: "OR", top5: ["tottori-measure-giftori-npo-support", "tottori-measure-publicity-tools"] },
  { q: "ヤングケアラー -調査", why: "exclusion drops the whole record", absent: ["tottori-young-carer-survey"] },
  { q: '"家族まるごと相談窓口"', why: "quoted phrase", top5: ["tottori-measure-family-desk"] },
  { q: "家族まるごと 拡充", why: "two words, AND", top5: ["tottori-measure-family-desk"] },
  { q: "レスパイトケア", why: "domain term", top5: ["tottori-ordinance-outline"] },
  { q: "老老介護", why: "repeated kanji", top5: ["tottori-elderly-couple-households"] },
  { q: "老々介護", why: "iteration mark 々", top5: ["tottori-elderly-couple-households"] },
  { q: "孤独・孤立対策推進会議", why: "middle dot", top5: ["national-promotion-system"] },
  { q: "重点計画", why: "plan title", top5: ["national-priority-plan"] },
  { q: "シンポジウム", why: "katakana word", top5: ["national-platform-symposium"] },
  { q: "ワークショップ 居場所", why: "two words in one record", top5: ["national-platform-workshop"] },
  { q: "予備費 NPO", why: "Latin letters and kanji", top5: ["national-npo-emergency-support"] },
  { q: "npo 緊急支援", why: "lower-case Latin", top5: ["national-npo-emergency-support"] },
  {
    q: "県 ヤングケアラー 実態 調査 回答 割合 小学5年生 中学2年生 高校2年生 わからない 結果",
    why: "a query of more than ten words",
    top5: ["tottori-young-carer-survey"],
  },
  { q: "ヤングケアラー", why: "kind filter", top5: ["tottori-young-carer-survey"], filters: { kinds: ["survey"] } },
  { q: "ヤングケアラー", why: "a kind filter leaves other kinds out", absent: ["tottori-young-carer-survey"], filters: { kinds: ["minutes"] } },
];

const ORDINANCE = path.resolve("test/fixtures/egov/kodoku-koritsu-jorei.xml");

const matrix = engineFactories.flatMap((engine) =>
  (engine.name === "postgres" ? backends : backends.filter((b) => b.name === "pglite")).map((backend) => ({
    label: `${engine.name} on ${backend.name}`,
    engine,
    backend,
  })),
);

describe.each(matrix)("search contract: $label", ({ engine: factory, backend }) => {
  let t: TestDatabase;
  let engine: SearchEngine & { dispose?: () => Promise<void> };
  const ids = new Map<string, number>();

  beforeAll(async () => {
    t = await backend.create();
    await seed(t.db);
    for (const row of await t.db.query<{ id: number; key: string }>("SELECT id, seed_key AS key FROM records WHERE seed_key IS NOT NULL")) {
      ids.set(row.key, row.id);
    }
    const law = await t.db.transaction((tx) => importFile(tx, { fileName: "jorei.xml", bytes: readFileSync(ORDINANCE) }, { actorId: null }));
    ids.set("fixture:ordinance", law.id);
    const variants = await createRecord(
      t.db,
      {
        kind: "material",
        title: "PDFから取り込んだ資料（字形の確認用）",
        bodyText: "## 概要\n県⺠のうち髙齢者の見守りについて、⻄部の窓口で聞き取った。同条例第5条第1項に定める窓口である。",
      },
      { actorId: null },
    );
    ids.set("fixture:variants", variants);
    engine = await factory.create(t.db);
    await new SearchIndexer(t.db, engine, KNOWLEDGE_SOURCES).reindex();
  });
  afterAll(async () => {
    await engine?.dispose?.();
    await t?.drop();
  });

  const topRecords = async (q: string, filters?: SearchRequest["filters"]) => {
    const result = await engine.search({ query: q, filters, pageSize: 20 });
    return { result, top: [...new Set(result.hits.map((h) => h.recordId))].slice(0, 5) };
  };
  const keyOf = (id: number | null) => [...ids].find(([, v]) => v === id)?.[0] ?? `#${id}`;

  it.each(CASES)("$q — $why", async (c) => {
    const { result, top } = await topRecords(c.q, c.filters);
    for (const key of c.top5 ?? []) {
      expect(top.map(keyOf), `${c.q} should find ${key}`).toContain(key);
    }
    for (const key of c.absent ?? []) {
      expect(result.hits.map((h) => keyOf(h.recordId)), `${c.q} should not find ${key}`).not.toContain(key);
    }
    if (c.minTotal) expect(result.total).toBeGreaterThanOrEqual(c.minTotal);
  });

  it("highlights the characters as written and names the part that matched", async () => {
    const { result } = await topRecords("８０５０問題");
    const hit = result.hits.find((h) => keyOf(h.recordId) === "tottori-hikikomori-survey")!;
    const marked = hit.snippet.ranges.map(([s, e]) => hit.snippet.text.slice(s, e));
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((m) => /^(8050|８０５０)問題$/.test(m))).toBe(true);
    expect(hit.locator === null || hit.locator.length > 0).toBe(true);
  });

  it("finds a provision of a law and says which one", async () => {
    const { result } = await topRecords("第2条の2");
    const hit = result.hits.find((h) => h.recordId === ids.get("fixture:ordinance"))!;
    expect(hit.locator).toMatch(/^第2条の2/);
    expect(hit.anchor).toMatch(/^a2_2/);
  });

  it("finds decisions, which open their source minutes", async () => {
    const { result } = await topRecords("県独自");
    const decision = result.hits.find((h) => h.sourceType === "decision");
    expect(decision).toBeDefined();
    expect(keyOf(decision!.recordId)).toMatch(/^minutes-/);
  });

  it.each(["官民連携", "ヤングケアラー", "８０５０", "令和4年度 相談", "県独自", "引きこもり"])(
    "shows where every hit for %s matched",
    async (q) => {
      const result = await engine.search({ query: q, pageSize: 50 });
      expect(result.hits.length).toBeGreaterThan(0);
      for (const hit of result.hits) {
        expect(hit.title.ranges.length + hit.snippet.ranges.length, `${hit.id} shows no match`).toBeGreaterThan(0);
        // A decision is found by what it says, not by the title of the minutes it came from.
        if (hit.sourceType === "decision") expect(hit.snippet.ranges.length, `${hit.id} matched only its source`).toBeGreaterThan(0);
      }
    },
  );

  it("counts facets over all matching records", async () => {
    const { result } = await topRecords("ヤングケアラー");
    const byKind = Object.fromEntries(result.facets.kind.map((f) => [f.value, f.count]));
    expect(byKind.survey).toBeGreaterThanOrEqual(1);
    expect(result.facets.kind.reduce((n, f) => n + f.count, 0)).toBe(result.total);
  });

  it("sorts by date when asked for the newest first", async () => {
    const result = await engine.search({ query: "官民連携", sort: "newest", pageSize: 20 });
    const dates = result.hits.map((h) => h.date).filter((d): d is string => d !== null);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("filters by fiscal year and date range", async () => {
    const fy = await engine.search({ query: "会議録", filters: { fiscalYears: [2023] } });
    expect(fy.total).toBeGreaterThan(0);
    const none = await engine.search({ query: "会議録", filters: { dateFrom: "2030-01-01" } });
    expect(none.total).toBe(0);
  });

  it("pages through results without repeating a record", async () => {
    const first = await engine.search({ query: "県", pageSize: 5, page: 1 });
    const second = await engine.search({ query: "県", pageSize: 5, page: 2 });
    const a = first.hits.map((h) => h.id);
    const b = second.hits.map((h) => h.id);
    expect(a).toHaveLength(5);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
  });

  it.each([
    ["", "検索語を入力してください。"],
    ["   　 ", "検索語を入力してください。"],
    ["😀🎉", "検索できる語が含まれていません"],
    ["・・・", "検索できる語が含まれていません"],
  ])("answers %j with a message, not an error", async (q, message) => {
    const result = await engine.search({ query: q });
    expect(result.total).toBe(0);
    expect(result.notice).toContain(message);
  });

  it.each([
    "'; DROP TABLE records; --",
    ".*(",
    '"unbalanced quote',
    "a:* & !b | (c",
    "\\' OR 1=1",
    "<script>alert(1)</script>",
    "%_%",
  ])("treats %j as plain text", async (q) => {
    const result = await engine.search({ query: q });
    expect(result.total).toBeGreaterThanOrEqual(0);
    const [{ n }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM records");
    expect(n).toBeGreaterThan(0);
  });

  it("cuts a 10,000-character query and says so", async () => {
    const result = await engine.search({ query: "相談".repeat(5000) });
    expect(result.notice).toContain("先頭の256文字");
  });

  it("returns nothing for filter values that do not exist", async () => {
    const result = await engine.search({ query: "県", filters: { kinds: ["no-such-kind"], tags: ["存在しないタグ"] } });
    expect(result.total).toBe(0);
  });
});
