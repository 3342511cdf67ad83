import { describe, expect, it } from "vitest";
import { parseJapaneseNumber, toKanjiDigits, toKanjiNumber } from "../../../search/wareki/numerals";

describe("kanji numerals", () => {
  // [value, positional, digit-by-digit]
  const cases: Array<[number, string, string]> = [
    [1, "一", "一"],
    [10, "十", "一〇"],
    [12, "十二", "一二"],
    [21, "二十一", "二一"],
    [30, "三十", "三〇"],
    [64, "六十四", "六四"],
    [101, "百一", "一〇一"],
    [1989, "千九百八十九", "一九八九"],
    [2022, "二千二十二", "二〇二二"],
  ];

  it.each(cases)("%i ⇄ %s ⇄ %s", (value, positional, digits) => {
    expect(toKanjiNumber(value)).toBe(positional);
    expect(parseJapaneseNumber(positional)).toBe(value);
    expect(toKanjiDigits(value)).toBe(digits);
    expect(parseJapaneseNumber(digits)).toBe(value);
  });

  it("reads Arabic digits as they are", () => {
    expect(parseJapaneseNumber("2022")).toBe(2022);
    expect(parseJapaneseNumber("04")).toBe(4);
  });

  it.each(["", "十十", "二三十", "十百", "〇十", "元", "○", "2十"])("rejects %j", (text) => {
    expect(parseJapaneseNumber(text)).toBeNull();
  });

  it("refuses numbers it cannot write", () => {
    expect(() => toKanjiNumber(10_000)).toThrow(RangeError);
    expect(toKanjiNumber(0)).toBe("〇");
  });
});
