import { describe, expect, it } from "vitest";
import {
  GOJUON_SEQUENCE,
  IROHA_SEQUENCE,
  parseKanaLabel,
  toKanaLabel,
} from "../../../../ordinance/numbering";

describe("gojuon order (prefectural ア, イ, ウ)", () => {
  it.each<[number, string]>([
    [1, "ア"],
    [2, "イ"],
    [3, "ウ"],
    [5, "オ"],
    [6, "カ"],
    [10, "コ"],
    [11, "サ"],
    [16, "タ"],
    [26, "ハ"],
    [36, "ヤ"],
    [37, "ユ"],
    [38, "ヨ"],
    [39, "ラ"],
    [43, "ロ"],
    [44, "ワ"],
  ])("%i ⇄ %s", (index, label) => {
    expect(toKanaLabel(index, "gojuon")).toBe(label);
    expect(parseKanaLabel(label, "gojuon")).toBe(index);
  });

  it("holds the 44 labels ア to ワ", () => {
    expect(GOJUON_SEQUENCE.join("")).toBe(
      "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ",
    );
  });

  it("refuses to go past ワ", () => {
    expect(() => toKanaLabel(45, "gojuon")).toThrow(RangeError);
    expect(() => toKanaLabel(45, "gojuon")).toThrow("アイウ順の記号は44番目までしかありません");
  });

  it.each(["ヰ", "ヱ", "ヲ", "ン", "あ", "a", "", "アイ", "(ア)"])("does not know %j", (label) => {
    expect(parseKanaLabel(label, "gojuon")).toBeNull();
  });
});

describe("iroha order (national イ, ロ, ハ)", () => {
  it.each<[number, string]>([
    [1, "イ"],
    [2, "ロ"],
    [3, "ハ"],
    [4, "ニ"],
    [5, "ホ"],
    [10, "ヌ"],
    [12, "ヲ"],
    [13, "ワ"],
    [14, "カ"],
    [24, "ウ"],
    [25, "ヰ"],
    [36, "ア"],
    [43, "ヱ"],
    [46, "セ"],
    [47, "ス"],
  ])("%i ⇄ %s", (index, label) => {
    expect(toKanaLabel(index, "iroha")).toBe(label);
    expect(parseKanaLabel(label, "iroha")).toBe(index);
  });

  it("holds the 47 labels of the poem, ending in ス", () => {
    expect(IROHA_SEQUENCE.join("")).toBe(
      "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス",
    );
  });

  it("refuses to go past ス", () => {
    expect(() => toKanaLabel(48, "iroha")).toThrow("イロハ順の記号は47番目までしかありません");
  });

  it.each(["ン", "い", ""])("does not know %j", (label) => {
    expect(parseKanaLabel(label, "iroha")).toBeNull();
  });
});

describe("both orders", () => {
  it.each([0, -1, 1.5])("reject index %s", (index) => {
    expect(() => toKanaLabel(index, "gojuon")).toThrow(RangeError);
    expect(() => toKanaLabel(index, "iroha")).toThrow(RangeError);
  });

  it("give the same kana different places", () => {
    expect(parseKanaLabel("イ", "gojuon")).toBe(2);
    expect(parseKanaLabel("イ", "iroha")).toBe(1);
  });
});
