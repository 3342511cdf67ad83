import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lawToRecord } from "../../../knowledge/law-record";
import { parseEgovXml } from "../../../ordinance/egov";

const SHARED = path.resolve(process.cwd(), "../shared/fixtures/law-xml/405AC0000000088_20240401_504AC0100000052.xml");
const OWN = path.resolve(process.cwd(), "test/fixtures/egov/kodoku-koritsu-jorei.xml");

if (!existsSync(SHARED)) console.log(`[kizuna tests] shared law fixture not found at ${SHARED}: its knowledge-base test is skipped`);

describe.skipIf(!existsSync(SHARED))("the shared law as a knowledge-base record", () => {
  const law = lawToRecord(parseEgovXml(readFileSync(SHARED, "utf8")));

  it("keeps its title, number and promulgation date", () => {
    expect(law.title).toBe("行政手続法");
    expect(law.lawNum).toBe("平成五年法律第八十八号");
    expect(law.promulgated).toBe("1993-11-12");
  });

  it("makes each of the 48 articles addressable, with its caption and citation", () => {
    expect(law.articleCount).toBe(48);
    const first = law.sections.find((s) => s.anchor === "a1")!;
    expect(first).toMatchObject({ kind: "article", locator: "第一条", caption: "（目的等）" });
    expect(first.text.startsWith("第一条　この法律は、処分、行政指導及び届出に関する手続")).toBe(true);
    expect(law.sections.find((s) => s.anchor === "a36_2")?.locator).toBe("第三十六条の二");
    expect(law.sections.find((s) => s.anchor === "a1-p2")?.text.startsWith("２　")).toBe(true);
  });

  it("turns chapters into headings in document order", () => {
    const chapters = law.sections.filter((s) => s.kind === "chapter").map((s) => s.locator);
    expect(chapters[0]).toBe("第一章　総則");
    expect(chapters).toContain("第四章の二　処分等の求め");
    expect(chapters).toHaveLength(8);
  });

  it("lists every 附則 as a heading, amendment extracts included", () => {
    expect(law.sections.filter((s) => s.kind === "suppl")).toHaveLength(14);
  });

  it("gives every part a unique anchor", () => {
    const anchors = law.sections.map((s) => s.anchor);
    expect(new Set(anchors).size).toBe(anchors.length);
  });
});

describe("a prefectural ordinance in horizontal style", () => {
  const law = lawToRecord(parseEgovXml(readFileSync(OWN, "utf8")));

  it("cites provisions with Arabic numerals", () => {
    const item = law.sections.find((s) => s.kind === "item")!;
    expect(item.locator).toMatch(/^第\d+条(の\d+)?第\d+項第\d+号$/);
  });
});
