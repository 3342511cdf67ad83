import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  articleCount,
  listArticles,
  listProvisions,
  parseEgovXml,
  plainText,
  serializeEgovXml,
  type Item,
  type LawDocument,
  type Paragraph,
  type ProvisionNode,
  type SentenceBlock,
  type Subitem,
} from "../../../../ordinance/egov";
import { xmlEvents } from "./xml-substance";

// 行政手続法 as e-Gov publishes it (see ../shared/fixtures/law-xml/SOURCE.md); it is not
// copied into the project, so these checks skip when ../shared is not mounted.
const FIXTURE = path.resolve(process.cwd(), "../shared/fixtures/law-xml/405AC0000000088_20240401_504AC0100000052.xml");
const present = existsSync(FIXTURE);
if (!present)
  console.log(`Skipping e-Gov round-trip checks on 行政手続法: ${FIXTURE} is absent (../shared is not mounted).`);
const xml = present ? readFileSync(FIXTURE, "utf8") : "";

const AMEND_LAW_NUMS = [
  "平成一一年一二月八日法律第一五一号",
  "平成一一年一二月二二日法律第一六〇号",
  "平成一四年一二月一三日法律第一五二号",
  "平成一五年七月一六日法律第一一九号",
  "平成一七年六月二九日法律第七三号",
  "平成一八年六月八日法律第五八号",
  "平成一八年六月一四日法律第六六号",
  "平成二六年六月一三日法律第六九号",
  "平成二六年六月一三日法律第七〇号",
  "平成二九年三月三一日法律第四号",
  "令和四年五月二五日法律第五二号",
  "令和五年六月一六日法律第五六号",
  "令和五年六月一六日法律第六三号",
];

/** Counts of what a round trip must keep, over the whole law (本則 and every 附則). */
function census(doc: LawDocument) {
  const counts = { paragraphs: 0, items: 0, subitem1: 0, columns: 0, sentences: 0, provisos: 0, captions: 0 };
  const blocks = (list: readonly SentenceBlock[]) => {
    for (const block of list) {
      if (block.type === "column") counts.columns++;
      const sentences = block.type === "column" ? block.sentences : block.type === "sentence" ? [block] : [];
      counts.sentences += sentences.length;
      counts.provisos += sentences.filter((s) => s.function === "proviso").length;
    }
  };
  const enumerated = (node: Item | Subitem) => {
    if (node.type === "item") counts.items++;
    else if (node.level === 1) counts.subitem1++;
    blocks(node.sentences);
    node.subitems.forEach(enumerated);
  };
  const paragraph = (p: Paragraph) => {
    counts.paragraphs++;
    if (p.caption !== undefined) counts.captions++;
    blocks(p.sentences);
    p.items.forEach(enumerated);
  };
  const nodes = (list: readonly ProvisionNode[]) => {
    for (const node of list) {
      if (node.type === "container") nodes(node.children);
      else if (node.type === "paragraph") paragraph(node);
      else {
        if (node.caption !== undefined) counts.captions++;
        node.paragraphs.forEach(paragraph);
      }
    }
  };
  nodes(doc.main);
  doc.supplProvisions.forEach((suppl) => nodes(suppl.children));
  return counts;
}

describe.skipIf(!present)("行政手続法 (e-Gov XML) read and written back", () => {
  const doc = present ? parseEgovXml(xml) : ({} as LawDocument);

  it("reads the law number, attributes and title", () => {
    expect(doc.lawNum).toBe("平成五年法律第八十八号");
    expect(doc.attributes).toMatchObject({ Era: "Heisei", Year: "05", Num: "088", LawType: "Act", Lang: "ja" });
    expect(doc.title).toBe("行政手続法");
    expect(doc.titleAttributes).toEqual({ Kana: "ぎょうせいてつづきほう", Abbrev: "行手法", AbbrevKana: "ぎ" });
    expect(doc.toc?.tag).toBe("TOC");
  });

  it("has 48 articles in the 本則, 第三十六条の二 and の三 among them", () => {
    expect(articleCount(doc)).toBe(48);
    const main = [...listArticles(doc)].filter((entry) => !entry.supplProvision);
    expect(main).toHaveLength(48);
    expect(main[0]).toMatchObject({
      anchor: "a1",
      locator: "第一条",
      article: { caption: "（目的等）", title: "第一条" },
    });
    const a36_2 = main.find((entry) => entry.anchor === "a36_2");
    expect(a36_2).toMatchObject({ locator: "第三十六条の二", article: { caption: "（行政指導の中止等の求め）" } });
    const a36_3 = main.find((entry) => entry.anchor === "a36_3");
    expect(a36_3?.article.caption).toBeUndefined();
    expect(a36_3?.path).toEqual([{ kind: "chapter", num: "4_2", title: "第四章の二　処分等の求め" }]);
    expect(main.find((entry) => entry.anchor === "a12")?.path.map((step) => step.title)).toEqual([
      "第三章　不利益処分",
      "第一節　通則",
    ]);
    expect(main.at(-1)?.locator).toBe("第四十六条");
  });

  it("reads columns, 本文/ただし書 and subitems in 第二条", () => {
    const item4 = (main: readonly ProvisionNode[]) =>
      [...listProvisions({ ...doc, main })].find((entry) => entry.anchor === "a2-p1-i4")?.node as Item;
    const item = item4(doc.main);
    expect(plainText(item.sentences)).toBe(
      "不利益処分　行政庁が、法令に基づき、特定の者を名あて人として、直接に、これに義務を課し、又はその権利を制限する処分をいう。ただし、次のいずれかに該当するものを除く。",
    );
    const column = item.sentences[1];
    expect(column.type === "column" && column.sentences.map((s) => s.function)).toEqual(["main", "proviso"]);
    expect(item.subitems.map((s) => s.title)).toEqual(["イ", "ロ", "ハ", "ニ"]);
  });

  it("keeps every 附則: the original and 13 amendment extracts", () => {
    expect(doc.supplProvisions).toHaveLength(14);
    const [original, ...amendments] = doc.supplProvisions;
    expect(original.amendLawNum).toBeUndefined();
    expect(original.extract).toBeUndefined();
    expect(amendments.map((s) => s.amendLawNum)).toEqual(AMEND_LAW_NUMS);
    expect(amendments.every((s) => s.extract === true && s.label === "附　則")).toBe(true);
    const last = [...listArticles(doc)].at(-1);
    expect(last).toMatchObject({ anchor: "s14-a7", locator: "附則（令和五年六月一六日法律第六三号）第七条" });
  });

  it("counts every paragraph, item, Subitem1, Column, sentence and proviso", () => {
    // Counted by hand from the XML: 134 <Paragraph>, 101 <Item>, 16 <Subitem1>, 32 <Column>,
    // 289 <Sentence>, 12 Function="proviso", 68 ArticleCaption + 2 ParagraphCaption.
    const expected = {
      paragraphs: 134,
      items: 101,
      subitem1: 16,
      columns: 32,
      sentences: 289,
      provisos: 12,
      captions: 70,
    };
    expect(census(doc)).toEqual(expected);
    expect(census(parseEgovXml(serializeEgovXml(doc)))).toEqual(expected);
  });

  it("round-trips: parse → serialize → parse gives an equal tree", () => {
    expect(parseEgovXml(serializeEgovXml(doc))).toEqual(doc);
    expect(parseEgovXml(serializeEgovXml(doc, { indent: "\t" }))).toEqual(doc);
  });

  it("writes XML the same in substance as the original, and byte for byte after the declaration", () => {
    const written = serializeEgovXml(doc);
    expect(written.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const events = xmlEvents(written);
    expect(events).toEqual(xmlEvents(xml));
    expect(events.filter((event) => event.startsWith("<Article "))).toHaveLength(69);
    const body = (text: string) => text.replace(/^<\?xml[^>]*\?>\s*/, "").trimEnd();
    expect(body(written)).toBe(body(xml));
  });
});
