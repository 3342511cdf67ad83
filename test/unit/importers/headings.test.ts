import { describe, expect, it } from "vitest";
import { headingLevel } from "../../../importers";

describe("headingLevel", () => {
  it.each([
    ["第1章　総則", 1],
    ["第2節 相談体制", 2],
    ["第1　目的", 1],
    ["第三　基本方針", 1],
    ["【今後の予定】", 1],
    ["■ 取組の方向性", 1],
    ["● 相談体制の強化", 2],
    ["1. 背景", 2],
    ["２．現状と課題", 2],
    ["１　総則", 2],
    ["一　趣旨", 2],
    ["（1）ヤングケアラーへの支援", 3],
    ["(2) 老老介護", 3],
  ])("%s is a level-%i heading", (line, level) => {
    expect(headingLevel(line)).toBe(level);
  });

  it.each([
    ["a sentence", "1. 相談窓口を設置した。"],
    ["an article, which starts a sentence", "第1条　この条例は、孤独・孤立を防ぐことを目的とする"],
    ["a numbered meeting", "第1回研究会の開催について"],
    ["a decimal", "1.5倍に増えた"],
    ["a long line", "1. " + "孤独・孤立対策".repeat(6)],
    ["a line that goes on", "（1）市町村と連携し、"],
    ["ordinary prose", "県は相談体制を整える"],
    ["a bare number", "1"],
    ["a year", "2022 年度の取組"],
  ])("%s is not a heading", (_, line) => {
    expect(headingLevel(line)).toBeNull();
  });
});
