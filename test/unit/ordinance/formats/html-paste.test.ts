import type { Slice } from "prosemirror-model";
import { EditorState } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { detectPastedStructure, pastedTextToSlice, sanitizePastedText } from "../../../../ordinance/formats/html-paste";
import { docToText } from "../../../../ordinance/formats/text";
import { buildDoc, uniqueIdPlugin } from "../../../../ordinance/model";

const kinds = (slice: Slice) => {
  const names: string[] = [];
  slice.content.forEach((node) => names.push(node.type.name));
  return names;
};

describe("sanitizePastedText", () => {
  it("cleans what Word and browsers put on the clipboard", () => {
    const pasted = "\r\n第1条\tこの条例は、\u200b施行する。\u00a0 \r\n\r\n\r\n\r\n\u2022 ｱｲｳ\u000b\r\n";
    expect(sanitizePastedText(pasted)).toBe("第1条　この条例は、施行する。\n\nアイウ");
  });

  it("leaves full-width brackets, digits and the 中黒 alone", () => {
    expect(sanitizePastedText("（目的）\n２　孤独・孤立")).toBe("（目的）\n２　孤独・孤立");
  });
});

describe("detectPastedStructure", () => {
  it("grades the text by the labels it carries", () => {
    expect(detectPastedStructure("（目的）\n第5条　本文").level).toBe("provisions");
    expect(detectPastedStructure("本文\n２　次の項\n(1)　号").level).toBe("paragraphs");
    expect(detectPastedStructure("ただの文章です。\n二行目です。").level).toBe("text");
    expect(detectPastedStructure("第五条　本文").style).toBe("vertical");
  });
});

describe("pastedTextToSlice", () => {
  it("makes articles, with captions, paragraphs and items, numbered by where they land", () => {
    const slice = pastedTextToSlice(
      "（相談窓口）\n第5条\t県は、相談窓口を置く。\n２　窓口は、次に掲げる地域に置く。\n(1)　東部\n(2)　西部\n第5条の2　県は、周知に努める。"
    );
    expect(kinds(slice)).toEqual(["article", "article"]);
    expect([slice.openStart, slice.openEnd]).toEqual([0, 0]);
    const [first, second] = [slice.content.child(0), slice.content.child(1)];
    expect(first.child(0).textContent).toBe("相談窓口");
    expect(first.attrs.num).toBeNull();
    expect(second.attrs.num).toBeNull();
    expect(first.child(2).childCount).toBe(3); // a sentence and two items
  });

  it("leaves text before the first label open, to join the provision at the cursor", () => {
    const slice = pastedTextToSlice("前の条の続きの文。\n第6条　次の条。");
    expect(kinds(slice)).toEqual(["article", "article"]);
    expect(slice.openStart).toBe(2); // the article and its paragraph
    expect(slice.content.child(0).textContent).toBe("前の条の続きの文。");
  });

  it("makes paragraphs from 項 and 号 labels without articles", () => {
    const slice = pastedTextToSlice("２　県は、次に掲げる者と連携する。\n(1)　市町村\n３　県は、情報を提供する。");
    expect(kinds(slice)).toEqual(["paragraph", "paragraph"]);
    expect(slice.openStart).toBe(0);
    expect(slice.content.child(0).lastChild?.type.name).toBe("item");
  });

  it("pastes one plain line as text, several as plain paragraphs", () => {
    const line = pastedTextToSlice("<b>地域の絆</b>を生かす");
    expect(line.content.childCount).toBe(1);
    expect(line.content.firstChild?.isText).toBe(true);
    expect(line.content.firstChild?.text).toBe("<b>地域の絆</b>を生かす"); // text stays text: no markup is read
    const lines = pastedTextToSlice("一つ目の文。\n二つ目の文。ただし、例外がある。");
    expect(kinds(lines)).toEqual(["paragraph", "paragraph"]);
    expect(lines.content.child(1).childCount).toBe(2);
    expect(lines.content.child(1).child(1).attrs.function).toBe("proviso");
    expect(pastedTextToSlice("\n\n").size).toBe(0);
  });

  it("drops into a draft, where the articles are renumbered and given ids", () => {
    const doc = buildDoc({
      title: "条例",
      main: [{ id: "a1", paragraphs: [{ id: "p1", sentences: ["第一の条。"] }] }],
    });
    const state = EditorState.create({ doc, plugins: [uniqueIdPlugin()] });
    const end = doc.child(0).nodeSize + doc.child(1).nodeSize - 1;
    const slice = pastedTextToSlice("（相談窓口）\n第5条　県は、相談窓口を置く。");
    const next = state.apply(state.tr.replace(end, end, slice));
    expect(docToText(next.doc)).toBe(
      "　　　条例\n\n第1条　第一の条。\n　（相談窓口）\n第2条　県は、相談窓口を置く。\n"
    );
    next.doc.descendants((node) => {
      if ("id" in node.attrs) expect(node.attrs.id).toBeTruthy();
    });
  });

  it("adds leading text to the paragraph at the cursor as sentences of its own", () => {
    const doc = buildDoc({ title: "条例", main: [{ paragraphs: [{ sentences: ["第一の条。"] }] }] });
    let end = 0;
    doc.descendants((node, pos) => {
      if (node.type.name === "sentence") end = pos + node.nodeSize - 1;
    });
    const state = EditorState.create({ doc });
    for (const text of ["続きの文。\n第6条　次の条。", "続きの文。\n(1)　市町村"]) {
      const next = state.apply(state.tr.replace(end, end, pastedTextToSlice(text))).doc;
      const paragraph = next.child(1).child(0).child(0);
      expect(paragraph.childCount).toBeGreaterThanOrEqual(2);
      expect([paragraph.child(0).textContent, paragraph.child(1).textContent]).toEqual(["第一の条。", "続きの文。"]);
    }
  });
});
