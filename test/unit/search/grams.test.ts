import { describe, expect, it } from "vitest";
import { queryPatterns, textGrams } from "../../../search/grams";
import { analyzeQuery, normalizeForSearch } from "../../../search/text";
import { anyOfQuery, tsvectorLiteral } from "../../../search/tsvector";

const grams = (text: string) => textGrams(normalizeForSearch(text).text).map((g) => `${g.token}:${g.position}`);

describe("grams", () => {
  it("turns a kanji run into positioned bigrams plus its last character", () => {
    expect(grams("議事録")).toEqual(["議事:1", "事録:2", "録:2"]);
  });

  it("keeps digits whole and continues positions across runs", () => {
    expect(grams("8050問題")).toEqual(["8050:1", "問題:2", "題:2"]);
    expect(grams("県 8050")).toEqual(["県:1", "8050:2"]);
  });

  it("folds width and kana before making grams", () => {
    expect(grams("８０５０")).toEqual(grams("8050"));
    expect(grams("ヤングケアラー")).toEqual(grams("やんぐけあらー"));
  });
});

describe("query patterns", () => {
  const patterns = (q: string) => queryPatterns(analyzeQuery(q));

  it("makes a compound a phrase of its bigrams", () => {
    expect(patterns("官民連携").must).toEqual([[{ tokens: ["官民", "民連", "連携"], prefix: false }]]);
  });

  it("matches one character by prefix", () => {
    expect(patterns("県").must).toEqual([[{ tokens: ["県"], prefix: true }]]);
  });

  it("puts OR alternatives in one clause and exclusions apart", () => {
    const { must, mustNot } = patterns("相談 OR 窓口 -休日");
    expect(must).toHaveLength(1);
    expect(must[0]).toHaveLength(2);
    expect(mustNot[0]![0]!.tokens).toEqual(["休日"]);
  });

  it("adds era spellings of a year", () => {
    const tokens = patterns("令和4年").must[0]!.map((p) => p.tokens.join(""));
    expect(tokens).toContain("2022年");
  });

  it("escapes quotes and backslashes in Postgres literals", () => {
    expect(tsvectorLiteral([{ token: "it's", position: 1 }, { token: "a\\b", position: 2 }])).toBe(`'it''s':1 'a\\\\b':2`);
    expect(anyOfQuery([{ tokens: ["o'k"], prefix: false }])).toBe(`('o''k')`);
  });
});
