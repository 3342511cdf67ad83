import { describe, expect, it } from "vitest";
import { highlightAll, matchRanges, snippet } from "../../../search/highlight";
import { analyzeQuery } from "../../../search/text";

const marked = (h: { text: string; ranges: [number, number][] }) => h.ranges.map(([s, e]) => h.text.slice(s, e));

describe("highlighting", () => {
  it("marks the characters as written, across width and radical forms", () => {
    const text = "県⺠の８０５０問題への対応";
    expect(marked({ text, ranges: matchRanges(text, analyzeQuery("県民 8050問題")) })).toEqual(["県⺠", "８０５０問題"]);
  });

  it("marks katakana for a hiragana query", () => {
    expect(marked(highlightAll("ヤングケアラー支援", analyzeQuery("やんぐけあらー")))).toEqual(["ヤングケアラー"]);
  });

  it("marks era-year spellings of the query", () => {
    expect(marked(highlightAll("2022年度の相談件数", analyzeQuery("令和4年度")))).toEqual(["2022年度"]);
  });

  it("cuts a snippet around the first match and keeps its marks aligned", () => {
    const text = "前置きの文章です。".repeat(20) + "ここで官民連携プラットフォームについて述べる。" + "後書き。".repeat(30);
    const s = snippet(text, analyzeQuery("官民連携"));
    expect(s.text.startsWith("…")).toBe(true);
    expect(s.text.endsWith("…")).toBe(true);
    expect(marked(s)).toEqual(["官民連携"]);
  });

  it("returns the start of the text unmarked when nothing matches", () => {
    const s = snippet("短い本文", analyzeQuery("存在しない語"));
    expect(s).toEqual({ text: "短い本文", ranges: [] });
  });
});
