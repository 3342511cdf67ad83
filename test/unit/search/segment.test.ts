import { describe, expect, it } from "vitest";
import { createDictionary, DEFAULT_DICTIONARY, DEFAULT_TERMS, normalizeForSearch, segment } from "../../../search/text";

const wordsOf = (text: string, dictionary = DEFAULT_DICTIONARY) =>
  segment(normalizeForSearch(text), dictionary).map((token) => token.text);

describe("segment", () => {
  it("keeps dictionary terms whole where Intl.Segmenter would shred them", () => {
    expect(wordsOf("ひきこもり")).toEqual(["ひきこもり"]);
    expect(wordsOf("家族会")).toEqual(["家族会"]);
    expect(wordsOf("老々介護")).toEqual(["老老介護"]);
    expect(wordsOf("官民連携プラットフォーム")).toEqual(["官民連携ぷらっとふぉーむ"]);
    expect(wordsOf("8050問題")).toEqual(["8050問題"]);
  });

  it("shreds ひきこもり without the dictionary (why the dictionary exists)", () => {
    expect(wordsOf("ひきこもり", createDictionary([]))).not.toEqual(["ひきこもり"]);
  });

  it("matches dictionary terms in any kana spelling", () => {
    expect(wordsOf("ヒキコモリ")).toEqual(["ひきこもり"]);
    expect(wordsOf("ﾔﾝｸﾞｹｱﾗｰ")).toEqual(["やんぐけあらー"]);
  });

  it("segments the text between terms, with offsets into the normalized text", () => {
    const tokens = segment(normalizeForSearch("ひきこもりの家族会"));
    expect(tokens).toEqual([
      { text: "ひきこもり", start: 0, end: 5 },
      { text: "の", start: 5, end: 6 },
      { text: "家族会", start: 6, end: 9 },
    ]);
  });

  it("keeps katakana words whole even though they are folded to hiragana", () => {
    expect(wordsOf("プラットフォーム")).toEqual(["ぷらっとふぉーむ"]);
  });

  it("never starts or ends a term inside a Latin/digit or katakana word", () => {
    expect(wordsOf("18050問題")).not.toContain("8050問題");
    const dictionary = createDictionary(["ケア"]);
    expect(wordsOf("ヤングケアラー", dictionary)).toEqual(["やんぐけあらー"]);
    expect(wordsOf("ケア会議", dictionary)).toContain("けあ");
  });

  it("prefers the longest term", () => {
    const dictionary = createDictionary(["家族", "家族会", "家族会議"]);
    expect(wordsOf("家族会議", dictionary)).toEqual(["家族会議"]);
  });

  it("takes a custom dictionary as data and normalizes its terms", () => {
    const dictionary = createDictionary(["ＡＩ活用", "  ", ""]);
    expect(dictionary.terms).toEqual(["ai活用"]);
    expect(wordsOf("AI活用の例", dictionary)).toEqual(["ai活用", "の", "例"]);
  });

  it("drops punctuation and spaces", () => {
    expect(wordsOf("研究会、分科会。")).toEqual(["研究会", "分科会"]);
  });

  it("builds the default dictionary from the glossary terms", () => {
    expect(DEFAULT_TERMS).toContain("ひきこもり");
    expect(DEFAULT_TERMS).toContain("レスパイトケア");
    expect(DEFAULT_DICTIONARY.terms).toContain("れすぱいとけあ");
  });

  it("accepts an empty string", () => {
    expect(segment("")).toEqual([]);
  });
});
