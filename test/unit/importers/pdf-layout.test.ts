import { describe, expect, it } from "vitest";
import { removePageFurniture } from "../../../importers/page-furniture";
import { buildLines, pageText, type PageLine, type PositionedText } from "../../../importers/pdf-lines";

const item = (str: string, x: number, y: number, size = 10): PositionedText => ({
  str,
  x,
  y,
  size,
  width: [...str].length * size,
});

describe("buildLines", () => {
  it("puts items on one baseline into one line, ordered by x, whatever the stream order", () => {
    const lines = buildLines([item("窓口", 70, 100), item("相談", 50, 100.4), item("次の行", 50, 115)]);
    expect(lines.map((line) => line.text)).toEqual(["相談窓口", "次の行"]);
  });

  it("keeps a smaller, slightly raised item (a note mark) on its line", () => {
    const lines = buildLines([item("割合", 50, 100), item("※1", 70, 97, 6)]);
    expect(lines.map((line) => line.text)).toEqual(["割合※1"]);
  });

  it("adds a space at a word gap and a tab at a column gap", () => {
    const lines = buildLines([
      item("Young", 50, 100),
      item("carers", 50 + 50 + 4, 100),
      item("5.1%", 300, 100),
    ]);
    expect(lines[0].text).toBe("Young carers\t5.1%");
  });

  it("drops whitespace-only items", () => {
    expect(buildLines([item("  ", 50, 100), item("本文", 50, 120)]).map((line) => line.text)).toEqual([
      "本文",
    ]);
  });

  it("marks a wide vertical gap as a paragraph break", () => {
    const lines = buildLines([item("一行目", 50, 100), item("二行目", 50, 114), item("別の段落", 50, 160)]);
    expect(pageText(lines)).toBe("一行目\n二行目\n\n別の段落");
  });
});

const line = (text: string, y: number): PageLine => ({ text, y, size: 10 });
const page = (...texts: string[]) => texts.map((text, i) => line(text, 50 + i * 15));

describe("removePageFurniture", () => {
  it("removes a running head and page numbers that repeat on most pages", () => {
    const pages = [
      page("資料1 相談体制", "一ページ目。", "- 1 -"),
      page("資料1 相談体制", "二ページ目。", "- 2 -"),
      page("三ページ目。", "- 3 -"),
    ];
    const result = removePageFurniture(pages);
    expect(result.pages.map((lines) => lines.map((l) => l.text))).toEqual([
      ["一ページ目。"],
      ["二ページ目。"],
      ["三ページ目。"],
    ]);
    // Page numbers are removed silently; only lines with words are reported.
    expect(result.removed).toEqual(["資料1 相談体制"]);
  });

  it("keeps a line that repeats on fewer than half of the pages", () => {
    const pages = [
      page("見出し", "本文一"),
      page("見出し", "本文二"),
      page("本文三"),
      page("本文四"),
      page("本文五"),
    ];
    expect(removePageFurniture(pages).removed).toEqual([]);
    expect(removePageFurniture(pages).pages[0].map((l) => l.text)).toEqual(["見出し", "本文一"]);
  });

  it("only looks at the edges of a long page", () => {
    // Digits compare equal in furniture, so the pages differ in words.
    const long = (n: string) => page("上", `${n}の一`, "共通の文", `${n}の二`, `${n}の三`, "下");
    const kept = removePageFurniture([long("甲"), long("乙")]).pages[0].map((l) => l.text);
    expect(kept).toEqual(["甲の一", "共通の文", "甲の二", "甲の三"]);
  });

  it("leaves a one-page document and identical pages alone", () => {
    expect(removePageFurniture([page("表題", "本文")]).pages[0]).toHaveLength(2);
    const identical = [page("申込書", "氏名"), page("申込書", "氏名")];
    expect(removePageFurniture(identical).pages).toEqual(identical);
  });
});
