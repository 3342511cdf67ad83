import { describe, expect, it } from "vitest";
import {
  EgovXmlError,
  listProvisions,
  parseEgovXml,
  plainText,
  serializeEgovXml,
  type Item,
  type LawDocument,
  type Sentence,
  type Subitem,
} from "../../../../ordinance/egov";

// Writing a tree built in code, checked both ways: the exact XML, and reading it back.

const sentence = (text: string, extra: Partial<Sentence> = {}): Sentence => ({
  type: "sentence",
  num: "1",
  writingMode: "horizontal",
  content: [text],
  ...extra,
});

const draft: LawDocument = {
  attributes: { Era: "Reiwa", Year: "5", Num: "1", LawType: "Misc", Lang: "ja" },
  title: "テスト条例",
  main: [
    {
      type: "article",
      num: "1",
      title: "第1条",
      caption: "（趣旨）",
      captionAfterTitle: true,
      paragraphs: [
        {
          type: "paragraph",
          num: "1",
          paragraphNum: "",
          sentences: [
            sentence('A&B <C> "D"', { function: "main" }),
            sentence("ただし、", { num: "2", function: "proviso" }),
          ],
          items: [],
        },
      ],
    },
    {
      type: "article",
      num: "2",
      title: ["第2条", { type: "inline", tag: "Sup", content: ["注"] }],
      deleted: true,
      attributes: { Hide: "1" },
      paragraphs: [],
    },
  ],
  supplProvisions: [
    { type: "supplProvision", label: "附　則", children: [] },
    { type: "supplProvision", label: "附　則", amendLawNum: '令和6年"改正"&条例', extract: true, children: [] },
  ],
  appendices: [{ type: "raw", tag: "AppdxTable", xml: '<AppdxTable Num="1"/>', afterSupplProvisions: 1 }],
};

const EXPECTED =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<Law Era="Reiwa" Year="5" Num="1" LawType="Misc" Lang="ja"><LawBody><LawTitle>テスト条例</LawTitle><MainProvision>' +
  '<Article Num="1"><ArticleTitle>第1条</ArticleTitle><ArticleCaption>（趣旨）</ArticleCaption>' +
  '<Paragraph Num="1"><ParagraphNum/><ParagraphSentence>' +
  '<Sentence Function="main" Num="1" WritingMode="horizontal">A&amp;B &lt;C&gt; "D"</Sentence>' +
  '<Sentence Function="proviso" Num="2" WritingMode="horizontal">ただし、</Sentence>' +
  "</ParagraphSentence></Paragraph></Article>" +
  '<Article Delete="true" Hide="1" Num="2"><ArticleTitle>第2条<Sup>注</Sup></ArticleTitle></Article>' +
  "</MainProvision>" +
  "<SupplProvision><SupplProvisionLabel>附　則</SupplProvisionLabel></SupplProvision>" +
  '<AppdxTable Num="1"/>' +
  '<SupplProvision AmendLawNum="令和6年&quot;改正&quot;&amp;条例" Extract="true"><SupplProvisionLabel>附　則</SupplProvisionLabel></SupplProvision>' +
  "</LawBody></Law>\n";

describe("serializeEgovXml", () => {
  it("writes a tree built in code exactly, and reads it back equal", () => {
    const written = serializeEgovXml(draft);
    expect(written).toBe(EXPECTED);
    // The schema requires an Article to have a paragraph; the reader does not check counts.
    expect(parseEgovXml(written)).toEqual(draft);
  });

  it("keeps an appendix between two 附則 where it stood", () => {
    const read = parseEgovXml(EXPECTED);
    expect(read.appendices).toEqual([
      { type: "raw", tag: "AppdxTable", xml: '<AppdxTable Num="1"/>', afterSupplProvisions: 1 },
    ]);
  });

  it('keeps Delete="1", which is not true/false, as an attribute rather than a flag', () => {
    const read = parseEgovXml(EXPECTED.replace('Delete="true" Hide="1"', 'Delete="1"'));
    const second = read.main[1];
    expect(second.type === "article" && [second.deleted, second.attributes]).toEqual([undefined, { Delete: "1" }]);
  });

  it("gives plain text without markup and with raw quotes reduced to words", () => {
    const quoted: Sentence = sentence("", {
      content: [
        "次のように改める。",
        { type: "raw", tag: "QuoteStruct", xml: "<QuoteStruct><Sentence>&lt;新&gt;</Sentence></QuoteStruct>" },
      ],
    });
    expect(plainText(quoted)).toBe("次のように改める。<新>");
    expect(plainText(draft.main[1].type === "article" ? draft.main[1].title : "")).toBe("第2条注");
    const reread = parseEgovXml(
      serializeEgovXml({
        ...draft,
        main: [{ type: "paragraph", num: "1", paragraphNum: "", sentences: [quoted], items: [] }],
      }),
    );
    expect(reread.main[0]).toEqual({ type: "paragraph", num: "1", paragraphNum: "", sentences: [quoted], items: [] });
  });

  it("anchors paragraphs of a law written in paragraphs only (項建て)", () => {
    const law: LawDocument = {
      ...draft,
      main: [1, 2].map((n) => ({
        type: "paragraph",
        num: String(n),
        paragraphNum: n === 1 ? "" : String(n),
        sentences: [sentence("本文")],
        items: [],
      })),
    };
    expect([...listProvisions(law)].map((entry) => [entry.anchor, entry.locator])).toEqual([
      ["p1", "第1項"],
      ["p2", "第2項"],
    ]);
  });

  it("refuses to write subitems deeper than the schema's ten levels", () => {
    const nest = (level: number): Subitem => ({
      type: "subitem",
      level,
      num: "1",
      title: "ア",
      sentences: [sentence("細分")],
      subitems: level < 11 ? [nest(level + 1)] : [],
    });
    const item: Item = { type: "item", num: "1", title: "(1)", sentences: [sentence("号")], subitems: [nest(1)] };
    const law: LawDocument = {
      ...draft,
      main: [{ type: "paragraph", num: "1", paragraphNum: "", sentences: [sentence("本文")], items: [item] }],
    };
    expect(() => serializeEgovXml(law)).toThrow(EgovXmlError);
    expect(() => serializeEgovXml(law)).toThrow(/10段/);
  });
});
