import { describe, expect, it } from "vitest";
import { buildDoc, outline, outlineLine } from "../../../../ordinance/model";
import { sampleDraft } from "./sample-draft";

describe("outline (目次)", () => {
  it("lists chapters and sections with their article ranges, articles with captions, then the 附則", () => {
    const entries = outline(sampleDraft(), "horizontal");
    expect(entries.map((entry) => [entry.kind, entry.depth, outlineLine(entry)])).toEqual([
      ["chapter", 0, "第1章　総則（第1条―第2条の2）"],
      ["article", 1, "第1条（目的）"],
      ["article", 1, "第2条（定義）"],
      ["article", 1, "第2条の2（基本理念）"],
      ["chapter", 0, "第2章　基本的施策"],
      ["section", 1, "第1節　気づき及びつなぎ（第3条）"],
      ["article", 2, "第3条（県の責務）"],
      ["section", 1, "第2節　介護者等への支援（第4条）"],
      ["article", 2, "第4条（レスパイトケア）"],
      ["supplProvision", 0, "附　則"],
    ]);
    const chapter2 = entries[4];
    expect(chapter2).toMatchObject({ id: "ch2", hasSubdivisions: true, range: "（第3条―第4条）", title: "基本的施策" });
  });

  it("writes the ranges in kanji for the vertical style", () => {
    const lines = outline(sampleDraft(), "vertical")
      .filter((e) => e.kind !== "article")
      .map(outlineLine);
    expect(lines).toEqual([
      "第一章　総則（第一条―第二条の二）",
      "第二章　基本的施策",
      "第一節　気づき及びつなぎ（第三条）",
      "第二節　介護者等への支援（第四条）",
      "附　則",
    ]);
  });

  it("marks the articles of a 附則 and lists a draft without chapters by article", () => {
    const doc = buildDoc({
      title: "t",
      main: [{ caption: "趣旨", paragraphs: ["本文"] }, { paragraphs: ["本文"] }],
      supplProvisions: [{ children: [{ caption: "施行期日", paragraphs: ["施行する。"] }] }],
    });
    expect(outline(doc, "horizontal").map((e) => [outlineLine(e), e.depth, e.supplementary])).toEqual([
      ["第1条（趣旨）", 0, false],
      ["第2条", 0, false],
      ["附　則", 0, false],
      ["第1条（施行期日）", 1, true],
    ]);
  });
});
