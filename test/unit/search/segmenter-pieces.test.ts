import { describe, expect, it } from "vitest";
import { piecesForSegmenter } from "../../../search/text/segmenter-pieces";
import { createDictionary, segment } from "../../../search/text";

describe("piecesForSegmenter", () => {
  it("leaves short stretches whole", () => {
    expect(piecesForSegmenter("家族会の研究会", 0, 7, 10)).toEqual([[0, 7]]);
  });

  it("cuts after punctuation when it can", () => {
    // 研究会、 ends at 4; the limit 6 falls inside 家族会.
    expect(piecesForSegmenter("研究会、家族会", 0, 7, 6)).toEqual([
      [0, 4],
      [4, 7],
    ]);
  });

  it("cuts at a kanji/kana edge when there is no punctuation", () => {
    expect(piecesForSegmenter("ひきこもり支援", 0, 7, 6)).toEqual([
      [0, 5],
      [5, 7],
    ]);
  });

  it("never cuts a surrogate pair", () => {
    const text = "𩸽".repeat(5); // 10 UTF-16 units, no punctuation, no script edge
    const pieces = piecesForSegmenter(text, 0, text.length, 3);
    for (const [from, to] of pieces) expect((to - from) % 2).toBe(0);
    expect(pieces.map(([from, to]) => text.slice(from, to)).join("")).toBe(text);
  });

  it("covers the range exactly, each piece within the limit", () => {
    const text = "あ".repeat(1000);
    const pieces = piecesForSegmenter(text, 10, 990, 256);
    expect(pieces[0][0]).toBe(10);
    expect(pieces[pieces.length - 1][1]).toBe(990);
    for (let k = 1; k < pieces.length; k++) expect(pieces[k][0]).toBe(pieces[k - 1][1]);
    for (const [from, to] of pieces) expect(to - from).toBeLessThanOrEqual(256);
  });
});

describe("segment on long text", () => {
  it("segments a 20,000-character text without a dictionary term the same as its sentences", () => {
    const text = "研究会。".repeat(5000);
    const tokens = segment(text, createDictionary([]));
    expect(tokens).toHaveLength(10_000);
    expect(tokens.slice(0, 2)).toEqual([
      { text: "研究", start: 0, end: 2 },
      { text: "会", start: 2, end: 3 },
    ]);
    expect(tokens[tokens.length - 1]).toEqual({ text: "会", start: 19_998, end: 19_999 });
  });
});
