import { describe, expect, it } from "vitest";
import { ordinanceSchema as schema } from "../../../../ordinance/model";
import { sampleDraft } from "./sample-draft";

const { nodes } = schema;
const sentence = (text: string) => nodes.sentence.create(null, schema.text(text));
const paragraph = (text: string) => nodes.paragraph.create(null, sentence(text));
const item = (text: string) => nodes.item.create(null, sentence(text));

describe("ordinanceSchema", () => {
  it("accepts a whole draft built to the drafting rules", () => {
    const doc = sampleDraft();
    expect(() => doc.check()).not.toThrow();
    expect(doc.childCount).toBe(4); // title, toc, mainProvision, supplProvision
  });

  it("refuses an article without a paragraph", () => {
    expect(() => nodes.article.createChecked()).toThrow(RangeError);
    expect(() => nodes.article.createChecked(null, nodes.caption.create(null, schema.text("目的")))).toThrow(
      RangeError
    );
    expect(() => nodes.article.createChecked(null, paragraph("本文"))).not.toThrow();
  });

  it("keeps items inside paragraphs and items, and subitems inside items", () => {
    expect(() => nodes.article.createChecked(null, item("市町村"))).toThrow(RangeError);
    expect(() => nodes.paragraph.createChecked(null, [sentence("次に掲げる者"), item("市町村")])).not.toThrow();
    expect(() =>
      nodes.paragraph.createChecked(null, [sentence("次に掲げる者"), nodes.subitem.create(null, sentence("ア"))])
    ).toThrow(RangeError);
    expect(() =>
      nodes.item.createChecked(null, [sentence("者"), nodes.subitem.create(null, sentence("高齢者"))])
    ).not.toThrow();
    expect(() => nodes.item.createChecked(null, [sentence("者"), item("入れ子の号")])).toThrow(RangeError);
  });

  it("puts the sentence before the items, and a caption only first", () => {
    expect(() => nodes.paragraph.createChecked(null, [item("市町村")])).toThrow(RangeError);
    expect(() => nodes.paragraph.createChecked(null, [item("市町村"), sentence("本文")])).toThrow(RangeError);
    expect(() => nodes.article.createChecked(null, [paragraph("本文"), nodes.caption.create()])).toThrow(RangeError);
  });

  it("does not let chapters and articles stand side by side in the 本則", () => {
    const article = nodes.article.create(null, paragraph("本文"));
    const chapter = nodes.chapter.create(null, [nodes.heading.create(null, schema.text("総則")), article]);
    expect(() => nodes.mainProvision.createChecked(null, [chapter, article])).toThrow(RangeError);
    expect(() => nodes.mainProvision.createChecked(null, [chapter, chapter])).not.toThrow();
    // A chapter needs its heading, and a subsection holds articles only.
    expect(() => nodes.chapter.createChecked(null, [article])).toThrow(RangeError);
    expect(() => nodes.subsection.createChecked(null, [nodes.heading.create(), chapter])).toThrow(RangeError);
  });

  it("builds a 附則 of articles or of paragraphs, not both", () => {
    const article = nodes.article.create(null, paragraph("施行期日"));
    expect(() => nodes.supplProvision.createChecked(null, [article])).not.toThrow();
    expect(() =>
      nodes.supplProvision.createChecked(null, [paragraph("施行する。"), paragraph("検討する。")])
    ).not.toThrow();
    expect(() => nodes.supplProvision.createChecked(null, [article, paragraph("施行する。")])).toThrow(RangeError);
    expect(nodes.supplProvision.create(null, article).attrs).toEqual({
      id: null,
      label: "附　則",
      amendLawNum: null,
      extract: false,
    });
  });

  it("fills a new article with the least it needs: one paragraph with one sentence", () => {
    const article = nodes.article.createAndFill()!;
    expect(article.toJSON()).toEqual({
      type: "article",
      attrs: { id: null, num: null, label: null },
      content: [
        {
          type: "paragraph",
          attrs: { id: null, num: null, label: null },
          content: [{ type: "sentence", attrs: { function: "main", column: null } }],
        },
      ],
    });
  });

  it("has a 目次 marker with no content, and refuses documents out of order", () => {
    expect(nodes.toc.isAtom).toBe(true);
    expect(nodes.toc.contentMatch.validEnd).toBe(true);
    const doc = sampleDraft();
    const json = doc.toJSON() as { content: unknown[] };
    const [title, toc, main, suppl] = json.content;
    expect(() => schema.nodeFromJSON({ ...json, content: [title, main, toc, suppl] }).check()).toThrow(RangeError);
    expect(() => schema.nodeFromJSON({ ...json, content: [toc, main] }).check()).toThrow(RangeError);
  });

  it("validates attribute values where content is checked", () => {
    expect(() => nodes.sentence.createChecked({ function: "footnote" })).toThrow(RangeError);
    expect(() => nodes.sentence.createChecked({ function: "proviso" })).not.toThrow();
    expect(() => nodes.sentence.createChecked({ column: 0 })).toThrow(RangeError);
    expect(() => nodes.sentence.createChecked({ column: 2 })).not.toThrow();
    expect(() => nodes.article.createChecked({ id: 5 }, paragraph("本文"))).toThrow(RangeError);
    const json = sampleDraft().toJSON() as { attrs: object };
    expect(() => schema.nodeFromJSON({ ...json, attrs: { ...json.attrs, style: "diagonal" } }).check()).toThrow(
      RangeError
    );
  });
});
