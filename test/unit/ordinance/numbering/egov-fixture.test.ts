import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  formatItemLabel,
  formatParagraphLabel,
  formatSubitemLabel,
  formatUnitLabel,
  parseItemLabel,
  parseNumAttribute,
  parseParagraphLabel,
  parseSubitemLabel,
  parseUnitLabel,
  type ProvisionUnit,
} from "../../../../ordinance/numbering";

// 行政手続法 as e-Gov publishes it: the vertical style checked against a real national text.
const FIXTURE = fileURLToPath(
  new URL("../../../../../shared/fixtures/law-xml/405AC0000000088_20240401_504AC0100000052.xml", import.meta.url),
);
const present = existsSync(FIXTURE);
if (!present) console.log(`Skipping e-Gov fixture checks: ${FIXTURE} is absent (../shared is not mounted).`);
const xml = present ? readFileSync(FIXTURE, "utf8") : "";

/** [Num attribute, title text] for each element, its caption (見出し) allowed before the title. */
function titled(element: string, title: string): Array<[string, string]> {
  const caption = "(?:<\\w+Caption>[^<]*</\\w+Caption>)?";
  const pattern = new RegExp(
    `<${element} Num="([^"]*)"[^>]*>\\s*${caption}\\s*(?:<${title}>([^<]*)</${title}>|<${title}/>)`,
    "g",
  );
  return Array.from(xml.matchAll(pattern), (m) => [m[1], m[2] ?? ""] as [string, string]);
}

// Deleted runs are kept as one element titled 一から四まで or イからハまで; they label no provision.
const isRange = (title: string) => title.includes("から");

describe.skipIf(!present)("labels in the e-Gov text of 行政手続法", () => {
  it.each<[ProvisionUnit, string, string]>([
    ["article", "Article", "ArticleTitle"],
    ["chapter", "Chapter", "ChapterTitle"],
    ["section", "Section", "SectionTitle"],
  ])("every %s title matches its Num", (unit, element, title) => {
    const found = titled(element, title);
    expect(found.length).toBeGreaterThan(0);
    for (const [num, text] of found) {
      const label = text.split("　")[0];
      const number = parseNumAttribute(num);
      expect(number, num).not.toBeNull();
      expect(formatUnitLabel(unit, number!, "vertical")).toBe(label);
      expect(parseUnitLabel(label)).toEqual({ unit, number, style: "vertical" });
    }
  });

  it("holds 第三十六条の二 and 第四章の二", () => {
    expect(titled("Article", "ArticleTitle")).toContainEqual(["36_2", "第三十六条の二"]);
    expect(titled("Chapter", "ChapterTitle")).toContainEqual(["4_2", "第四章の二　処分等の求め"]);
  });

  it("every paragraph number matches its Num", () => {
    const found = titled("Paragraph", "ParagraphNum");
    expect(found.length).toBeGreaterThan(0);
    for (const [num, text] of found) {
      const index = Number(num);
      expect(parseParagraphLabel(text)).toBe(index);
      expect(formatParagraphLabel(index, "vertical", { labelFirst: text !== "" })).toBe(text);
    }
  });

  it("every item title matches its Num and every subitem title reads back, ranges aside", () => {
    const items = titled("Item", "ItemTitle");
    const subitems = titled("Subitem1", "Subitem1Title");
    expect(items.length).toBeGreaterThan(0);
    expect(subitems.length).toBeGreaterThan(0);
    for (const [num, text] of items) {
      if (isRange(text)) continue;
      const number = parseNumAttribute(num);
      expect(number, num).not.toBeNull();
      expect(formatItemLabel(number!, "vertical")).toBe(text);
      expect(parseItemLabel(text)).toEqual({ number, style: "vertical" });
    }
    // A subitem's Num counts elements, so after a collapsed イからハまで (Num 1) comes ニ
    // with Num 2; the title alone is checked both ways.
    for (const [, text] of subitems) {
      if (isRange(text)) continue;
      const index = parseSubitemLabel(text, 1, "vertical");
      expect(index, text).not.toBeNull();
      expect(formatSubitemLabel(1, index!, "vertical")).toBe(text);
    }
  });
});
