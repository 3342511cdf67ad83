import { describe, expect, it } from "vitest";
import { parseKanjiNumber, toKanjiNumber } from "../../../../ordinance/numbering";

// Legal-style pairs, written by hand; each is checked in both directions.
const PAIRS: Array<[number, string]> = [
  [1, "一"],
  [2, "二"],
  [9, "九"],
  [10, "十"],
  [11, "十一"],
  [19, "十九"],
  [20, "二十"],
  [23, "二十三"],
  [99, "九十九"],
  [100, "百"],
  [101, "百一"],
  [105, "百五"],
  [110, "百十"],
  [111, "百十一"],
  [200, "二百"],
  [999, "九百九十九"],
  [1000, "千"],
  [1001, "千一"],
  [1050, "千五十"],
  [1234, "千二百三十四"],
  [2000, "二千"],
  [9999, "九千九百九十九"],
  [10000, "一万"],
  [10001, "一万一"],
  [11000, "一万千"],
  [20000, "二万"],
  [123456, "十二万三千四百五十六"],
  [10000000, "千万"],
  [100000000, "一億"],
  [100010000, "一億一万"],
  [1000000000000, "一兆"],
];

describe("toKanjiNumber / parseKanjiNumber", () => {
  it.each(PAIRS)("%i ⇄ %s", (value, text) => {
    expect(toKanjiNumber(value)).toBe(text);
    expect(parseKanjiNumber(text)).toBe(value);
  });

  it.each([0, -1, -10, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])("rejects %s when formatting", (value) => {
    expect(() => toKanjiNumber(value)).toThrow(RangeError);
  });

  it("explains a rejected number in Japanese", () => {
    expect(() => toKanjiNumber(0)).toThrow("漢数字にする数は1以上の整数で指定してください（指定された値: 0）。");
  });

  it.each<[string, number]>([
    ["二〇", 20],
    ["一〇五", 105],
    ["一六〇", 160],
    ["一二", 12],
    ["一〇〇〇", 1000],
  ])("reads the digit-by-digit form %s as %i", (text, value) => {
    expect(parseKanjiNumber(text)).toBe(value);
  });

  it("tolerates 一千, which amounts sometimes use", () => {
    expect(parseKanjiNumber("一千")).toBe(1000);
    expect(parseKanjiNumber("一千万")).toBe(10000000);
  });

  it.each([
    "",
    "〇",
    "〇五",
    "零",
    "十十",
    "百百",
    "一十",
    "一百",
    "二〇十",
    "十〇",
    "三十〇",
    "十千",
    "百千",
    "万",
    "万一",
    "一万万",
    "一億一億",
    "一万一億",
    "二十三x",
    " 二十三",
    "2",
    "二十3",
    "○",
    "壱",
  ])("returns null for %j", (text) => {
    expect(parseKanjiNumber(text)).toBeNull();
  });
});
