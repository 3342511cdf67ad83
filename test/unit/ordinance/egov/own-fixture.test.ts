import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  articleCount,
  listArticles,
  listProvisions,
  parseEgovXml,
  plainText,
  serializeEgovXml,
  type Article,
  type Container,
  type Item,
  type LawDocument,
  type Paragraph,
  type Sentence,
} from "../../../../ordinance/egov";
import { xmlEvents } from "./xml-substance";

// A horizontal 条例 (LawType Misc) written for these tests, indented as a person would.
const xml = readFileSync(path.resolve(process.cwd(), "test/fixtures/egov/kodoku-koritsu-jorei.xml"), "utf8");
const doc = parseEgovXml(xml);

function article(law: LawDocument, num: string): Article {
  const found = [...listArticles(law)].find((entry) => entry.article.num === num && !entry.supplProvision);
  if (!found) throw new Error(`no article ${num}`);
  return found.article;
}

describe("a horizontal 条例 read from e-Gov XML", () => {
  it("keeps the law attributes and title, and has no law number yet", () => {
    expect(doc.attributes).toEqual({ Era: "Reiwa", Year: "5", Num: "1", LawType: "Misc", Lang: "ja" });
    expect(doc.lawNum).toBeUndefined();
    expect(doc.title).toBe("鳥取県障がい者、高齢者及び介護者等の孤独・孤立を防ぎ、誰一人取り残さない社会づくり条例");
    expect(doc.titleAttributes).toEqual({ Kana: "とっとりけんこどくこりつぼうしじょうれい" });
  });

  it("reads chapters, sections, captions and branch-numbered articles", () => {
    const [chapter1, chapter2] = doc.main as Container[];
    expect(chapter1).toMatchObject({ type: "container", kind: "chapter", num: "1", title: "第1章　総則" });
    expect(chapter1.children.map((child) => (child as Article).num)).toEqual(["1", "2", "2_2"]);
    expect(chapter2.children.map((child) => (child as Container).title)).toEqual([
      "第1節　気づき及びつなぎ",
      "第2節　介護者等への支援",
    ]);
    expect(article(doc, "1").caption).toBe("（目的）");
    expect(article(doc, "2_2")).toMatchObject({ title: "第2条の2", caption: "（基本理念）" });
    expect(articleCount(doc)).toBe(5);
  });

  it("keeps ruby as markup and leaves the reading out of the plain text", () => {
    const sentence = article(doc, "1").paragraphs[0].sentences[0] as Sentence;
    expect(sentence.writingMode).toBe("horizontal");
    expect(sentence.content).toContainEqual({
      type: "inline",
      tag: "Ruby",
      content: ["絆", { type: "inline", tag: "Rt", content: ["きずな"] }],
    });
    expect(plainText(sentence)).toContain("地域の絆を生かした");
  });

  it("decodes escaped characters", () => {
    const [first, second] = article(doc, "2_2").paragraphs;
    expect(plainText(first.sentences)).toContain("「気づき&つなぎ」");
    expect(plainText(second.sentences)).toContain("1週間<7日>以内");
    expect(second.paragraphNum).toBe("2");
  });

  it("reads 本文 and ただし書 and the items under them", () => {
    const paragraph = article(doc, "3").paragraphs[1];
    expect(paragraph.sentences.map((s) => (s as Sentence).function)).toEqual(["main", "proviso"]);
    expect(plainText(paragraph.sentences[1])).toBe(
      "ただし、本人の同意を得ないで、その者に関する情報を提供してはならない。",
    );
    expect(paragraph.items.map((item) => [item.num, item.title, plainText(item.sentences)])).toEqual([
      ["1", "(1)", "市町村"],
      ["2", "(2)", "学校その他の関係機関"],
    ]);
  });

  it("reads columns and nested subitems", () => {
    const [youngCarer, carers] = article(doc, "2").paragraphs[0].items as Item[];
    expect(youngCarer.sentences.map((block) => block.type)).toEqual(["column", "column"]);
    expect(plainText(youngCarer.sentences)).toMatch(/^ヤングケアラー　本来は大人が/);
    expect(carers.subitems.map((s) => [s.level, s.title])).toEqual([
      [1, "ア"],
      [1, "イ"],
    ]);
    expect(carers.subitems[1].subitems.map((s) => [s.level, s.num, s.title])).toEqual([
      [2, "1", "(ア)"],
      [2, "2", "(イ)"],
    ]);
  });

  it("keeps tables and the 別表 as raw XML", () => {
    const paragraph: Paragraph = article(doc, "4").paragraphs[0];
    expect(paragraph.rawBeforeItems?.map((raw) => raw.tag)).toEqual(["TableStruct"]);
    expect(plainText(paragraph.rawBeforeItems![0])).toMatch(/東部\s*中部\s*西部/);
    expect(doc.appendices).toHaveLength(1);
    expect(doc.appendices![0]).toMatchObject({ type: "raw", tag: "AppdxTable" });
    expect(doc.appendices![0].afterSupplProvisions).toBeUndefined();
  });

  it("reads the 附則 as captioned paragraphs", () => {
    expect(doc.supplProvisions).toHaveLength(1);
    const [suppl] = doc.supplProvisions;
    expect(suppl.label).toBe("附　則");
    expect(suppl.amendLawNum).toBeUndefined();
    expect(suppl.children.map((p) => [(p as Paragraph).caption, (p as Paragraph).paragraphNum])).toEqual([
      ["（施行期日）", "1"],
      ["（見直し）", "2"],
    ]);
  });

  it("makes every provision addressable in the horizontal style", () => {
    const entries = [...listProvisions(doc)];
    const byAnchor = new Map(entries.map((entry) => [entry.anchor, entry]));
    expect(byAnchor.get("a2_2")?.locator).toBe("第2条の2");
    expect(byAnchor.get("a3-p2")?.locator).toBe("第3条第2項");
    expect(byAnchor.get("a3-p2-i1")?.locator).toBe("第3条第2項第1号");
    expect(byAnchor.get("a2-p1-i2-si2-si1")).toMatchObject({
      kind: "subitem",
      locator: "第2条第1項第2号イ(ア)",
      parentAnchor: "a2-p1-i2-si2",
    });
    expect(byAnchor.get("s1-p2")).toMatchObject({ locator: "附則第2項", supplProvision: { index: 1 } });
    expect(byAnchor.get("a4")?.path.map((step) => step.title)).toEqual([
      "第2章　基本的施策",
      "第2節　介護者等への支援",
    ]);
    expect(new Set(entries.map((entry) => entry.anchor)).size).toBe(entries.length);
  });

  it("round-trips: parse → serialize → parse is equal, and the XML is the same in substance", () => {
    const written = serializeEgovXml(doc);
    expect(written.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Law ')).toBe(true);
    expect(written).toContain("「気づき&amp;つなぎ」");
    expect(written).toContain("1週間&lt;7日&gt;以内");
    expect(parseEgovXml(written)).toEqual(doc);
    expect(xmlEvents(written)).toEqual(xmlEvents(xml));
  });

  it("round-trips through indented output too", () => {
    const indented = serializeEgovXml(doc, { indent: "  " });
    expect(indented).toContain('\n        <Article Num="1">\n');
    // Mixed content stays on one line: indenting inside a sentence would change its text.
    expect(indented).toContain("地域の<Ruby>絆<Rt>きずな</Rt></Ruby>を生かした");
    expect(parseEgovXml(indented)).toEqual(doc);
    expect(xmlEvents(indented)).toEqual(xmlEvents(xml));
  });
});
