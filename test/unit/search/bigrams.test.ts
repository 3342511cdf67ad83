import { describe, expect, it } from "vitest";
import { bigrams } from "../../../search/text";

describe("bigrams", () => {
  it("gives overlapping pairs for a kanji run", () => {
    expect(bigrams("議事録")).toEqual([
      { text: "議事", start: 0, end: 2 },
      { text: "事録", start: 1, end: 3 },
    ]);
  });

  it("gives a one-character run as a unigram", () => {
    expect(bigrams("県")).toEqual([{ text: "県", start: 0, end: 1 }]);
    expect(bigrams("a 県 b").map((t) => t.text)).toEqual(["a", "県", "b"]);
  });

  it("keeps Latin and digit runs whole and breaks runs at script changes", () => {
    expect(bigrams("8050問題とnpo")).toEqual([
      { text: "8050", start: 0, end: 4 },
      { text: "問題", start: 4, end: 6 },
      { text: "題と", start: 5, end: 7 },
      { text: "npo", start: 7, end: 10 },
    ]);
  });

  it("includes kana and the long vowel mark", () => {
    expect(bigrams("けあらー").map((t) => t.text)).toEqual(["けあ", "あら", "らー"]);
  });

  it("breaks at punctuation and spaces", () => {
    expect(bigrams("孤独 孤立。").map((t) => t.text)).toEqual(["孤独", "孤立"]);
  });

  it("counts an astral kanji as one character but two UTF-16 units", () => {
    expect(bigrams("𩸽定食")).toEqual([
      { text: "𩸽定", start: 0, end: 3 },
      { text: "定食", start: 2, end: 4 },
    ]);
  });

  it("ignores emoji and empty input", () => {
    expect(bigrams("😀")).toEqual([]);
    expect(bigrams("")).toEqual([]);
  });
});
