import { describe, expect, it } from "vitest";
import { formatAddress, parseAddress, type ProvisionPath } from "../../../../ordinance/numbering";

// [path, horizontal, vertical]: each path formats to both texts and both parse back to it.
const ADDRESSES: Array<[ProvisionPath, string, string]> = [
  [{ article: [3] }, "第3条", "第三条"],
  [{ article: [12, 2] }, "第12条の2", "第十二条の二"],
  [{ article: [3], paragraph: 1 }, "第3条第1項", "第三条第一項"],
  [{ article: [3], paragraph: 2 }, "第3条第2項", "第三条第二項"],
  [{ article: [3], paragraph: 2, item: [1] }, "第3条第2項第1号", "第三条第二項第一号"],
  [{ article: [3], paragraph: 1, item: [1] }, "第3条第1項第1号", "第三条第一項第一号"],
  [{ article: [12, 2], paragraph: 3, item: [1] }, "第12条の2第3項第1号", "第十二条の二第三項第一号"],
  [{ article: [5], paragraph: 1, item: [2, 3] }, "第5条第1項第2号の3", "第五条第一項第二号の三"],
  [{ article: [3], paragraph: 1, item: [1], subitems: [1] }, "第3条第1項第1号ア", "第三条第一項第一号イ"],
  [{ article: [3], paragraph: 1, item: [1], subitems: [2, 1] }, "第3条第1項第1号イ(ア)", "第三条第一項第一号ロ（１）"],
  [
    { article: [3], paragraph: 1, item: [1], subitems: [2, 3, 4] },
    "第3条第1項第1号イ(ウ)d",
    "第三条第一項第一号ロ（３）（ｉｖ）",
  ],
  [{ article: [110], paragraph: 11, item: [19] }, "第110条第11項第19号", "第百十条第十一項第十九号"],
  [{ supplementary: true }, "附則", "附則"],
  [{ supplementary: true, paragraph: 2 }, "附則第2項", "附則第二項"],
  [{ supplementary: true, article: [1] }, "附則第1条", "附則第一条"],
  [{ supplementary: true, article: [1], paragraph: 1, item: [2] }, "附則第1条第1項第2号", "附則第一条第一項第二号"],
];

describe("formatAddress / parseAddress", () => {
  it.each(ADDRESSES)("%j ⇄ %s / %s", (path, horizontal, vertical) => {
    expect(formatAddress(path, "horizontal")).toBe(horizontal);
    expect(formatAddress(path, "vertical")).toBe(vertical);
    expect(parseAddress(horizontal)).toStrictEqual(path);
    expect(parseAddress(vertical)).toStrictEqual(path);
  });

  it("defaults to the horizontal style", () => {
    expect(formatAddress({ article: [3], paragraph: 2 })).toBe("第3条第2項");
  });

  it("names the first paragraph when the address goes deeper", () => {
    expect(formatAddress({ article: [3], item: [1] })).toBe("第3条第1項第1号");
    expect(formatAddress({ article: [3], item: [1] }, "vertical")).toBe("第三条第一項第一号");
  });

  it("reads a one-paragraph article's citation 第3条第1号 as paragraph 1", () => {
    expect(parseAddress("第3条第1号")).toStrictEqual({ article: [3], paragraph: 1, item: [1] });
    expect(parseAddress("第二条第八号")).toStrictEqual({ article: [2], paragraph: 1, item: [8] });
  });

  it("reads full-width digits and parentheses as horizontal", () => {
    expect(parseAddress("第１２条の２第３項第１号ア（イ）")).toStrictEqual({
      article: [12, 2],
      paragraph: 3,
      item: [1],
      subitems: [1, 2],
    });
  });

  it("takes kana in the order the numerals imply", () => {
    expect(parseAddress("第3条第1項第1号ウ")?.subitems).toEqual([3]);
    expect(parseAddress("第三条第一項第一号ウ")?.subitems).toEqual([24]);
  });

  it("ignores surrounding spaces", () => {
    expect(parseAddress("  第3条 ")).toStrictEqual({ article: [3] });
  });

  it.each([
    "",
    "前条",
    "同項",
    "第2項",
    "第1号",
    "第3条第2項第1号の",
    "条",
    "第条",
    "第3条第2項(1)",
    "第3章",
    "第3条第二項",
    "第三条第2項",
    "第3条第1項第1号イ（１）",
    "第三条第一項第一号(ア)",
    "第3条第1項第1号ア(ア)(ア)",
    "第3条第1項第1号ンア",
    "第3条第1項第1号ア(",
    "第3条第1項第1号ア(ア)a(a)b",
    "第0条",
    "第3条第0項",
    "第3条第1項第1号ア及びイ",
    "附則第",
    "附 則第2項",
    "法第3条",
    "第3条第2項第1号ア x",
  ])("returns null for %j", (text) => {
    expect(parseAddress(text)).toBeNull();
  });

  it("refuses paths that are not absolute addresses", () => {
    expect(() => formatAddress({})).toThrow(RangeError);
    expect(() => formatAddress({ paragraph: 2 })).toThrow("条を指定してください");
    expect(() => formatAddress({ article: [3], paragraph: 1, subitems: [1] })).toThrow(
      "号の細分を指す場合は号も指定してください。",
    );
    expect(() => formatAddress({ article: [0] })).toThrow(RangeError);
    expect(() => formatAddress({ article: [3], paragraph: 0 })).toThrow(RangeError);
    expect(() => formatAddress({ article: [3], item: [1], subitems: [1, 1, 1, 1] }, "vertical")).toThrow(RangeError);
  });
});
