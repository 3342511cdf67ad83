import { describe, expect, it } from "vitest";
import { normalizeForSearch, toOriginalRange } from "../../../search/text";

// Finds `needle` in the normalized text and returns the original substring it came from.
function originalOf(original: string, needle: string): string {
  const normalized = normalizeForSearch(original);
  const at = normalized.text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  const range = toOriginalRange(normalized, at, at + needle.length);
  return original.slice(range.start, range.end);
}

describe("offsets back into the original", () => {
  const original = "　⺠間の㍻31年度ﾊﾟﾌﾞﾘｯｸｺﾒﾝﾄ、８０５０問題。";

  it("normalizes the sample as expected", () => {
    expect(normalizeForSearch(original).text).toBe("民間の平成31年度ぱぶりっくこめんと、8050問題。");
  });

  it("maps a match on a folded radical to the radical", () => {
    expect(originalOf(original, "民間")).toBe("⺠間");
  });

  it("maps a match on an NFKC expansion to the whole source character", () => {
    expect(originalOf(original, "平成31年度")).toBe("㍻31年度");
    expect(originalOf(original, "成")).toBe("㍻");
  });

  it("maps half-width katakana with voiced marks to every code unit that made them", () => {
    expect(originalOf(original, "ぱぶりっく")).toBe("ﾊﾟﾌﾞﾘｯｸ");
    expect(originalOf(original, "ぱ")).toBe("ﾊﾟ");
  });

  it("maps full-width digits", () => {
    expect(originalOf(original, "8050問題")).toBe("８０５０問題");
  });

  it("gives one map entry per normalized UTF-16 unit", () => {
    const normalized = normalizeForSearch("㍻ﾊﾟ");
    expect(normalized.text).toBe("平成ぱ");
    expect(Array.from(normalized.map)).toEqual([0, 0, 1]);
    expect(Array.from(normalized.mapEnd)).toEqual([1, 1, 3]);
  });

  it("keeps offsets through astral characters and dropped ones", () => {
    const text = "𠮟る\u200B・家族会";
    expect(normalizeForSearch(text).text).toBe("叱る 家族会");
    expect(originalOf(text, "叱る")).toBe("𠮟る");
    expect(originalOf(text, "家族会")).toBe("家族会");
  });

  it("places empty ranges before the next source character, or at the end", () => {
    const normalized = normalizeForSearch(" 家族会 ");
    expect(toOriginalRange(normalized, 0, 0)).toEqual({ start: 1, end: 1 });
    expect(toOriginalRange(normalized, 3, 3)).toEqual({ start: 5, end: 5 });
  });

  it("clamps ranges outside the text", () => {
    const normalized = normalizeForSearch("家族会");
    expect(toOriginalRange(normalized, -4, 99)).toEqual({ start: 0, end: 3 });
  });
});
