import { readFileSync } from "node:fs";
import path from "node:path";
import type { Node } from "prosemirror-model";
import { describe, expect, it } from "vitest";
import {
  parseEgovXml,
  type Article,
  type Container,
  type LawDocument,
  type Sentence,
} from "../../../../ordinance/egov";
import { docToEgovXml, docToLawDocument, egovXmlToDoc, lawDocumentToDoc } from "../../../../ordinance/formats/egov";
import { ensureIds, numberDocument } from "../../../../ordinance/model";
import { xmlEvents } from "../egov/xml-substance";
import { sampleDraft } from "../model/sample-draft";

// A horizontal 条例 written for these tests: 目次, 前文 with ruby, chapters and sections, a
// branch-numbered article, columns, ただし書, two levels of subitems, a QuoteStruct and two
// tables kept raw, a 附則 of paragraphs and an amendment's 附則 (抄) with a range of items.
const FIXTURE = path.resolve(process.cwd(), "test/fixtures/ordinance/horizontal-jorei.xml");
const xml = readFileSync(FIXTURE, "utf8");

function attrsOf(doc: Node, type: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  doc.descendants((node) => {
    if (node.type.name === type) found.push(node.attrs);
  });
  return found;
}

/** The document as JSON without ids, to compare two imports of the same text. */
function withoutIds(doc: Node): unknown {
  return JSON.parse(JSON.stringify(doc.toJSON(), (key, value) => (key === "id" ? undefined : value)));
}

describe("e-Gov XML ⇄ draft, on a horizontal 条例", () => {
  const { doc, meta } = egovXmlToDoc(xml);

  it("writes back the same XML in substance, the 目次 regenerated from the chapters", () => {
    expect(xmlEvents(docToEgovXml(doc, meta))).toEqual(xmlEvents(xml));
  });

  it("keeps law-level facts beside the draft and the style in it", () => {
    expect(meta).toEqual({
      lawNum: "令和6年鳥取県条例第12号",
      attributes: { Era: "Reiwa", Year: "6", Num: "12", LawType: "Misc", Lang: "ja" },
      titleAttributes: { Kana: "とっとりけんきずなじょうれい" },
    });
    expect(doc.attrs).toEqual({ style: "horizontal", writingMode: null });
    expect(doc.child(1).type.name).toBe("toc");
    expect(doc.child(2).type.name).toBe("preamble");
  });

  it("stores a number only where it cannot be derived", () => {
    const articles = attrsOf(doc, "article").map((a) => a.num);
    expect(articles).toEqual([null, null, null, "3_2", null, null, "3"]);
    const items = attrsOf(doc, "item").map((a) => [a.num, a.label]);
    expect(items).toEqual([
      [null, null],
      [null, null],
      ["1:3", "(1)から(3)まで"],
      [null, null],
    ]);
    expect(attrsOf(doc, "paragraph").every((a) => a.num === null && a.label === null)).toBe(true);
    expect(attrsOf(doc, "chapter").every((a) => a.num === null && a.label === null)).toBe(true);
  });

  it("gives every provision a unique id", () => {
    const ids: unknown[] = [];
    doc.descendants((node) => {
      if ("id" in node.attrs) ids.push(node.attrs.id);
    });
    // 2 chapters, 2 sections, 7 articles, 11 paragraphs, 4 items, 4 subitems, 2 附則.
    expect(ids.length).toBe(32);
    expect(ids.every((id) => typeof id === "string" && id.length === 10)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("reads captions without parentheses, columns, provisos, ruby and raw content", () => {
    expect(doc.textBetween(0, doc.content.size, "\n")).toContain("定義");
    const sentences = attrsOf(doc, "sentence");
    expect(sentences.filter((s) => s.function === "proviso")).toHaveLength(2);
    expect(sentences.filter((s) => s.column !== null).map((s) => s.column)).toEqual([1, 2, 1, 2, 2]);
    let ruby: unknown;
    doc.descendants((node) => {
      if (node.isText && node.marks.length > 0) ruby = [node.text, node.marks[0].type.name, node.marks[0].attrs.rt];
    });
    expect(ruby).toEqual(["絆", "ruby", "きずな"]);
    expect(attrsOf(doc, "rawInline").map((r) => [r.tag, r.text])).toEqual([["QuoteStruct", "家族まるごと相談窓口"]]);
    expect(attrsOf(doc, "raw").map((r) => [r.tag, r.text])).toEqual([
      ["TableStruct", "短期入所　訪問支援"],
      ["AppdxTable", "別表（第4条関係）　短期入所"],
    ]);
  });

  it("numbers the imported draft as the source did", () => {
    const labels = [...numberDocument(doc, "horizontal").values()]
      .filter((i) => i.kind === "article")
      .map((i) => i.address);
    expect(labels).toEqual([
      "第1条",
      "第2条",
      "第3条",
      "第3条の2",
      "第4条",
      "附則（令和7年鳥取県条例第3号）第1条",
      "附則（令和7年鳥取県条例第3号）第3条",
    ]);
  });

  it("reads the same draft back from the XML it writes", () => {
    const again = egovXmlToDoc(docToEgovXml(doc, meta)).doc;
    expect(withoutIds(again)).toEqual(withoutIds(doc));
  });
});

describe("a draft written as e-Gov XML", () => {
  const draft = ensureIds(sampleDraft());

  it("is a 条例 (LawType Misc) written horizontally, numbered from position", () => {
    const law = docToLawDocument(draft, {});
    expect(law.attributes).toEqual({ LawType: "Misc", Lang: "ja" });
    expect(law.title).toBe("鳥取県孤独・孤立を防ぐ社会づくり条例");
    const [chapter1, chapter2] = law.main as Container[];
    expect(chapter1).toMatchObject({ kind: "chapter", num: "1", title: "第1章　総則" });
    expect((chapter2.children[0] as Container).title).toBe("第1節　気づき及びつなぎ");
    const [a1, a2, a2_2] = chapter1.children as Article[];
    expect([a1.num, a1.title, a1.caption]).toEqual(["1", "第1条", "（目的）"]);
    expect([a2_2.num, a2_2.title]).toEqual(["2_2", "第2条の2"]);
    const definitions = a2.paragraphs[0];
    expect(definitions.paragraphNum).toBe("");
    expect(definitions.items.map((i) => [i.num, i.title])).toEqual([
      ["1", "(1)"],
      ["2", "(2)"],
    ]);
    expect(definitions.items[1].subitems[1].subitems.map((s) => [s.level, s.title])).toEqual([
      [2, "(ア)"],
      [2, "(イ)"],
    ]);
    const sentence = a1.paragraphs[0].sentences[0] as Sentence;
    expect(sentence).toMatchObject({ num: "1", writingMode: "horizontal" });
    expect(sentence.function).toBeUndefined();
    const a3 = ((chapter2.children[0] as Container).children[0] as Article).paragraphs[1];
    expect(a3.paragraphNum).toBe("2");
    expect(a3.sentences.map((s) => (s as Sentence).function)).toEqual(["main", "proviso"]);
    expect(law.supplProvisions[0].children.map((p) => (p as { paragraphNum: string }).paragraphNum)).toEqual([
      "1",
      "2",
    ]);
  });

  it("generates its 目次 and can be serialized, read and imported again", () => {
    const written = docToEgovXml(draft, { attributes: { Era: "Reiwa", Year: "6", Num: "1" } });
    expect(written).toContain(
      '<TOC><TOCLabel>目次</TOCLabel><TOCChapter Num="1"><ChapterTitle>第1章　総則</ChapterTitle><ArticleRange>（第1条―第2条の2）</ArticleRange></TOCChapter>'
    );
    expect(written).toContain(
      '<Column Num="1"><Sentence Num="1" WritingMode="horizontal">ヤングケアラー</Sentence></Column>'
    );
    const again = lawDocumentToDoc(parseEgovXml(written));
    expect(withoutIds(again)).toEqual(withoutIds(draft));
  });

  it("writes kanji numbers and vertical sentences in the national style", () => {
    const law = docToLawDocument(draft, { style: "vertical" });
    const chapter = law.main[0] as Container;
    const article = chapter.children[2] as Article;
    expect([chapter.title, article.title]).toEqual(["第一章　総則", "第二条の二"]);
    expect((article.paragraphs[0].sentences[0] as Sentence).writingMode).toBe("vertical");
    expect(law.supplProvisions[0].children.map((p) => (p as { paragraphNum: string }).paragraphNum)).toEqual([
      "１",
      "２",
    ]);
  });

  it("refuses shapes the schema has no place for, in Japanese", () => {
    const law = parseEgovXml(xml);
    const part: LawDocument = {
      ...law,
      main: [{ type: "container", kind: "part", num: "1", title: "第1編　総則", children: [] }],
    };
    expect(() => lawDocumentToDoc(part)).toThrow(/編を含む法令/);
    const bare: LawDocument = { ...law, main: [law.supplProvisions[0].children[0]] };
    expect(() => lawDocumentToDoc(bare)).toThrow(/項建ての本則/);
    expect(() => lawDocumentToDoc({ ...law, main: [] })).toThrow(/条例案の形式に合いません/);
  });
});
