import { describe, expect, it } from "vitest";
import { analyze, createDictionary, toOriginalRange } from "../../../search/text";

describe("analyze", () => {
  it("returns normalized text, words, bigrams and era terms", () => {
    const result = analyze("ﾔﾝｸﾞｹｱﾗｰ支援（令和４年度）");
    expect(result.normalized).toBe("やんぐけあらー支援(令和4年度)");
    expect(result.words.map((t) => t.text)).toContain("やんぐけあらー");
    expect(result.words.map((t) => t.text)).toContain("支援");
    expect(result.bigrams.slice(0, 3).map((t) => t.text)).toEqual(["やん", "んぐ", "ぐけ"]);
    expect(result.eraTerms).toEqual([{ text: "2022年度", start: 10, end: 15 }]);
  });

  it("lets the highlighter map any token back to the original", () => {
    const original = "ﾔﾝｸﾞｹｱﾗｰ支援（令和４年度）";
    const result = analyze(original);
    const word = result.words.find((t) => t.text === "やんぐけあらー");
    expect(word).toBeDefined();
    const range = toOriginalRange(result, word?.start ?? 0, word?.end ?? 0);
    expect(original.slice(range.start, range.end)).toBe("ﾔﾝｸﾞｹｱﾗｰ");
    const era = result.eraTerms[0];
    const eraRange = toOriginalRange(result, era.start, era.end);
    expect(original.slice(eraRange.start, eraRange.end)).toBe("令和４年度");
  });

  it("uses the dictionary it is given", () => {
    const words = analyze("地域共生社会の実現", { dictionary: createDictionary(["地域共生社会"]) }).words;
    expect(words[0]).toEqual({ text: "地域共生社会", start: 0, end: 6 });
  });

  it("handles empty text", () => {
    const result = analyze("");
    expect(result.normalized).toBe("");
    expect(result.words).toEqual([]);
    expect(result.bigrams).toEqual([]);
    expect(result.map).toHaveLength(0);
  });
});
