import { describe, expect, it } from "vitest";
import { htmlToBlocks } from "../../../importers/docx-html";

// Input is HTML in the shape mammoth writes it.
describe("htmlToBlocks", () => {
  it("reads headings, paragraphs, the title and entities", () => {
    const html =
      '<p class="title">表題</p><h2><a id="_Toc1"></a>見出し</h2>' +
      "<p>A &amp; B &lt;注&gt; &quot;引用&quot; &#x5E02;&#27665;<br />二行目</p>";
    expect(htmlToBlocks(html)).toEqual({
      title: "表題",
      blocks: [
        { kind: "body", text: "表題" },
        { kind: "heading", level: 2, text: "見出し" },
        { kind: "body", text: 'A & B <注> "引用" 市民\n二行目' },
      ],
    });
  });

  it("indents nested list items under their parent", () => {
    const html = "<ul><li>相談<ul><li>電話</li><li>面談</li></ul></li><li>広報</li></ul>";
    expect(htmlToBlocks(html).blocks).toEqual([{ kind: "body", text: "・相談\n　・電話\n　・面談\n・広報" }]);
  });

  it("writes table rows as tab-separated cells, a nested table as text in its cell", () => {
    const html =
      "<table><tr><th><p>区分</p></th><td><p>内容</p></td></tr>" +
      "<tr><td><p>相談</p><p>窓口</p></td><td><table><tr><td><p>東部</p></td><td><p>西部</p></td></tr></table></td></tr></table>";
    expect(htmlToBlocks(html).blocks).toEqual([{ kind: "body", text: "区分\t内容\n相談 窓口\t東部 西部" }]);
  });

  it("lets inline tags join the words around them", () => {
    expect(htmlToBlocks("<p>鳥<strong>取</strong>県<sup>1</sup></p>").blocks).toEqual([
      { kind: "body", text: "鳥取県1" },
    ]);
  });

  it("drops empty paragraphs and images", () => {
    expect(htmlToBlocks('<p></p><p><img src="" /></p><p>本文</p>').blocks).toEqual([
      { kind: "body", text: "本文" },
    ]);
  });
});
