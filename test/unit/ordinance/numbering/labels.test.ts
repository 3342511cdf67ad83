import { describe, expect, it } from "vitest";
import {
  formatItemLabel,
  formatParagraphLabel,
  formatSubitemLabel,
  formatUnitLabel,
  MAX_SUBITEM_LEVEL,
  parseItemLabel,
  parseParagraphLabel,
  parseSubitemLabel,
  parseUnitLabel,
  type ProvisionNumber,
  type ProvisionUnit,
} from "../../../../ordinance/numbering";

describe("unit labels (編, 章, 節, 款, 目, 条)", () => {
  it.each<[ProvisionUnit, ProvisionNumber, string, string]>([
    ["chapter", [1], "第1章", "第一章"],
    ["chapter", [4, 2], "第4章の2", "第四章の二"],
    ["section", [1], "第1節", "第一節"],
    ["subsection", [3], "第3款", "第三款"],
    ["part", [2], "第2編", "第二編"],
    ["division", [1], "第1目", "第一目"],
    ["article", [1], "第1条", "第一条"],
    ["article", [2, 2], "第2条の2", "第二条の二"],
    ["article", [2, 2, 3], "第2条の2の3", "第二条の二の三"],
    ["article", [36, 3], "第36条の3", "第三十六条の三"],
    ["article", [1050], "第1050条", "第千五十条"],
  ])("%s %j ⇄ %s / %s", (unit, number, horizontal, vertical) => {
    expect(formatUnitLabel(unit, number, "horizontal")).toBe(horizontal);
    expect(formatUnitLabel(unit, number, "vertical")).toBe(vertical);
    expect(parseUnitLabel(horizontal)).toEqual({ unit, number, style: "horizontal" });
    expect(parseUnitLabel(vertical)).toEqual({ unit, number, style: "vertical" });
  });

  it("defaults to the horizontal style", () => {
    expect(formatUnitLabel("article", [5])).toBe("第5条");
  });

  it("reads full-width digits", () => {
    expect(parseUnitLabel("第１２条の２")).toEqual({ unit: "article", number: [12, 2], style: "horizontal" });
  });

  it.each(["", "第条", "2条", "第2", "第2項", "第2号", "第2条の", "第2条の二", "第0条", "第2条第1項", "前条", "第二条 "])(
    "returns null for %j",
    (text) => {
      expect(parseUnitLabel(text)).toBeNull();
    },
  );

  it("rejects number 0", () => {
    expect(() => formatUnitLabel("article", [0])).toThrow(RangeError);
    expect(() => formatUnitLabel("article", [])).toThrow(RangeError);
  });
});

describe("paragraph labels (項)", () => {
  it.each<[number, string, string]>([
    [2, "2", "２"],
    [3, "3", "３"],
    [10, "10", "１０"],
  ])("%i ⇄ %s / %s", (index, horizontal, vertical) => {
    expect(formatParagraphLabel(index, "horizontal")).toBe(horizontal);
    expect(formatParagraphLabel(index, "vertical")).toBe(vertical);
    expect(parseParagraphLabel(horizontal)).toBe(index);
    expect(parseParagraphLabel(vertical)).toBe(index);
  });

  it("leaves the first paragraph unlabelled, and reads no label as the first", () => {
    expect(formatParagraphLabel(1, "horizontal")).toBe("");
    expect(formatParagraphLabel(1, "vertical")).toBe("");
    expect(parseParagraphLabel("")).toBe(1);
  });

  it("labels the first paragraph when asked, as paragraph-only 附則 do", () => {
    expect(formatParagraphLabel(1, "horizontal", { labelFirst: true })).toBe("1");
    expect(formatParagraphLabel(1, "vertical", { labelFirst: true })).toBe("１");
    expect(parseParagraphLabel("１")).toBe(1);
  });

  it.each(["二", "(2)", "第2項", "0", " 2"])("returns null for %j", (text) => {
    expect(parseParagraphLabel(text)).toBeNull();
  });

  it("rejects 0", () => {
    expect(() => formatParagraphLabel(0)).toThrow(RangeError);
  });
});

describe("item labels (号)", () => {
  it.each<[ProvisionNumber, string, string]>([
    [[1], "(1)", "一"],
    [[2], "(2)", "二"],
    [[10], "(10)", "十"],
    [[11], "(11)", "十一"],
    [[1, 2], "(1)の2", "一の二"],
    [[12, 5, 2], "(12)の5の2", "十二の五の二"],
  ])("%j ⇄ %s / %s", (number, horizontal, vertical) => {
    expect(formatItemLabel(number, "horizontal")).toBe(horizontal);
    expect(formatItemLabel(number, "vertical")).toBe(vertical);
    expect(parseItemLabel(horizontal)).toEqual({ number, style: "horizontal" });
    expect(parseItemLabel(vertical)).toEqual({ number, style: "vertical" });
  });

  it("reads full-width parentheses and digits as horizontal", () => {
    expect(parseItemLabel("（１）")).toEqual({ number: [1], style: "horizontal" });
    expect(parseItemLabel("（１）の２")).toEqual({ number: [1, 2], style: "horizontal" });
  });

  it.each(["", "1", "(一)", "(1", "1)", "()", "(1)の", "(1)の二", "一の2", "第1号", "(0)", "ア"])(
    "returns null for %j",
    (text) => {
      expect(parseItemLabel(text)).toBeNull();
    },
  );
});

describe("subitem labels (号の細分)", () => {
  it.each<[number, number, string]>([
    [1, 1, "ア"],
    [1, 2, "イ"],
    [1, 44, "ワ"],
    [2, 1, "(ア)"],
    [2, 3, "(ウ)"],
    [3, 1, "a"],
    [3, 26, "z"],
    [4, 2, "(b)"],
  ])("horizontal level %i, index %i ⇄ %s", (level, index, label) => {
    expect(formatSubitemLabel(level, index, "horizontal")).toBe(label);
    expect(parseSubitemLabel(label, level, "horizontal")).toBe(index);
  });

  it.each<[number, number, string]>([
    [1, 1, "イ"],
    [1, 2, "ロ"],
    [1, 47, "ス"],
    [2, 1, "（１）"],
    [2, 12, "（１２）"],
    [3, 1, "（ｉ）"],
    [3, 3, "（ｉｉｉ）"],
    [3, 4, "（ｉｖ）"],
  ])("vertical level %i, index %i ⇄ %s", (level, index, label) => {
    expect(formatSubitemLabel(level, index, "vertical")).toBe(label);
    expect(parseSubitemLabel(label, level, "vertical")).toBe(index);
  });

  it("defaults to the horizontal style", () => {
    expect(formatSubitemLabel(1, 1)).toBe("ア");
    expect(parseSubitemLabel("ア", 1)).toBe(1);
  });

  it("accepts parentheses and letters of either width", () => {
    expect(parseSubitemLabel("（ア）", 2, "horizontal")).toBe(1);
    expect(parseSubitemLabel("ｂ", 3, "horizontal")).toBe(2);
    expect(parseSubitemLabel("(1)", 2, "vertical")).toBe(1);
    expect(parseSubitemLabel("(iv)", 3, "vertical")).toBe(4);
  });

  it("has four horizontal levels and three vertical ones", () => {
    expect(MAX_SUBITEM_LEVEL).toEqual({ horizontal: 4, vertical: 3 });
    expect(() => formatSubitemLabel(5, 1, "horizontal")).toThrow("号の細分は4階層までです");
    expect(() => formatSubitemLabel(4, 1, "vertical")).toThrow("号の細分は3階層までです");
    expect(parseSubitemLabel("(a)", 5, "horizontal")).toBeNull();
    expect(parseSubitemLabel("ア", 0, "horizontal")).toBeNull();
  });

  it("refuses indexes past the end of a level's sequence", () => {
    expect(() => formatSubitemLabel(1, 45, "horizontal")).toThrow(RangeError);
    expect(() => formatSubitemLabel(1, 48, "vertical")).toThrow(RangeError);
    expect(() => formatSubitemLabel(3, 27, "horizontal")).toThrow(RangeError);
    expect(() => formatSubitemLabel(2, 0, "vertical")).toThrow(RangeError);
  });

  it.each<[string, number, "horizontal" | "vertical"]>([
    ["(ア)", 1, "horizontal"],
    ["ア", 2, "horizontal"],
    ["ン", 1, "vertical"],
    ["(1)", 2, "horizontal"],
    ["（ア）", 2, "vertical"],
    ["（０）", 2, "vertical"],
    ["（ｉｉｉｉ）", 3, "vertical"],
    ["i", 3, "vertical"],
    ["A", 3, "horizontal"],
    ["(ア", 2, "horizontal"],
    ["", 1, "horizontal"],
  ])("returns null for %j at level %i (%s)", (label, level, style) => {
    expect(parseSubitemLabel(label, level, style)).toBeNull();
  });
});
