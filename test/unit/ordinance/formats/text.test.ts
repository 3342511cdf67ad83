import type { Node } from "prosemirror-model";
import { describe, expect, it } from "vitest";
import { classifyLine, splitColumns, splitSentences } from "../../../../ordinance/formats/lines";
import { docToText, textToDoc } from "../../../../ordinance/formats/text";
import { numberDocument } from "../../../../ordinance/model";
import { sampleDraft } from "../model/sample-draft";

function withoutIds(doc: Node): unknown {
  return JSON.parse(JSON.stringify(doc.toJSON(), (key, value) => (key === "id" ? undefined : value)));
}

const HORIZONTAL = `　　　鳥取県孤独・孤立を防ぐ社会づくり条例

目次
　第1章　総則（第1条―第2条の2）
　第2章　基本的施策
　　第1節　気づき及びつなぎ（第3条）
　　第2節　介護者等への支援（第4条）
　附則

　　　第1章　総則
　（目的）
第1条　この条例は、孤独・孤立を防ぎ、誰一人取り残さない社会の実現に資することを目的とする。
　（定義）
第2条　この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。
　(1)　ヤングケアラー　家族の世話を日常的に行っている子どもをいう。
　(2)　介護者等　次に掲げる者をいう。
　　ア　高齢の家族を介護する高齢者
　　イ　次のいずれかに該当する者
　　　(ア)　障がいのある家族を世話する者
　　　(イ)　80歳代の親と同居する50歳代の子を支える者
　（基本理念）
第2条の2　孤独・孤立対策は、本人及び支える人の双方に寄り添って行われなければならない。
　　　第2章　基本的施策
　　　　第1節　気づき及びつなぎ
　（県の責務）
第3条　県は、孤独・孤立対策に関する施策を総合的に実施する責務を有する。
2　県は、前項の施策を実施するに当たっては、次に掲げる者と連携するものとする。ただし、本人の同意を得ないで、その者に関する情報を提供してはならない。
　(1)　市町村
　(2)　学校その他の関係機関
　　　　第2節　介護者等への支援
　（レスパイトケア）
第4条　県は、介護者等が一時的に介護から離れて休息できるよう支援するものとする。

　　　附　則
　（施行期日）
1　この条例は、令和6年4月1日から施行する。
　（見直し）
2　知事は、この条例の施行後3年を目途として、その施行の状況を検討するものとする。
`;

describe("docToText", () => {
  it("prints the 例規集 layout in the horizontal style", () => {
    expect(docToText(sampleDraft(), "horizontal")).toBe(HORIZONTAL);
  });

  it("prints kanji numbers, full-width paragraph numbers and イロハ in the vertical style", () => {
    const lines = docToText(sampleDraft(), "vertical").split("\n");
    expect(lines).toContain(
      "　第1章　総則（第1条―第2条の2）".replace("第1章", "第一章").replace("第1条―第2条の2", "第一条―第二条の二")
    );
    expect(lines).toContain("第二条の二　孤独・孤立対策は、本人及び支える人の双方に寄り添って行われなければならない。");
    expect(lines).toContain(
      "２　県は、前項の施策を実施するに当たっては、次に掲げる者と連携するものとする。ただし、本人の同意を得ないで、その者に関する情報を提供してはならない。"
    );
    expect(lines).toContain("　二　介護者等　次に掲げる者をいう。");
    expect(lines).toContain("　　ロ　次のいずれかに該当する者");
    expect(lines).toContain("　　　（１）　障がいのある家族を世話する者");
    expect(lines).toContain("１　この条例は、令和6年4月1日から施行する。");
  });

  it("starts a lone unnumbered 附則 paragraph one space in", () => {
    const doc = textToDoc("条例\n第1条　本文\n附　則\nこの条例は、公布の日から施行する。\n");
    expect(docToText(doc).split("\n").slice(-3)).toEqual(["　　　附　則", "　この条例は、公布の日から施行する。", ""]);
  });
});

describe("textToDoc", () => {
  it("reads the printed layout back into the same draft", () => {
    expect(withoutIds(textToDoc(HORIZONTAL))).toEqual(withoutIds(sampleDraft()));
  });

  it("reads the vertical layout back, detecting the style from 第一条", () => {
    const vertical = docToText(sampleDraft(), "vertical");
    const doc = textToDoc(vertical);
    expect(doc.attrs.style).toBe("vertical");
    expect(withoutIds(doc)).toEqual({
      ...(withoutIds(sampleDraft()) as object),
      attrs: { style: "vertical", writingMode: null },
    });
  });

  it("gives every provision an id", () => {
    const numbers = numberDocument(textToDoc(HORIZONTAL), "horizontal");
    expect([...numbers.values()].filter((info) => info.kind === "subitem").map((info) => info.address)).toEqual([
      "第2条第1項第2号ア",
      "第2条第1項第2号イ",
      "第2条第1項第2号イ(ア)",
      "第2条第1項第2号イ(イ)",
    ]);
  });

  it("makes the best of loosely written text", () => {
    const doc = textToDoc(
      [
        "ひきこもり支援条例",
        "（趣旨）",
        "第1条 この条例は、ひきこもりの状態にある者の支援に関し必要な事項を定めるものとする。",
        "この条の規定は、家族への支援にも適用する。", // no label: continues the paragraph above
        "２　県は、相談窓口を置く。",
        "（１）　東部",
        "第5条　県は、必要な措置を講ずる。", // a number out of sequence is kept as written
        "附則",
        "この条例は、公布の日から施行する。",
      ].join("\r\n")
    );
    expect(docToText(doc)).toBe(
      [
        "　　　ひきこもり支援条例",
        "",
        "　（趣旨）",
        "第1条　この条例は、ひきこもりの状態にある者の支援に関し必要な事項を定めるものとする。この条の規定は、家族への支援にも適用する。",
        "2　県は、相談窓口を置く。",
        "　(1)　東部",
        "第5条　県は、必要な措置を講ずる。",
        "",
        "　　　附則",
        "　この条例は、公布の日から施行する。",
        "",
      ].join("\n")
    );
    const article = doc.child(1).child(0);
    expect(article.child(1).childCount).toBe(2); // two sentences in the first paragraph
  });

  it("turns text with no article into one article", () => {
    const doc = textToDoc("前書き\n一つ目の文。\n二つ目の文。");
    expect(docToText(doc)).toBe("　　　前書き\n\n第1条　一つ目の文。\n2　二つ目の文。\n");
  });
});

describe("reading one line", () => {
  it("tells the kinds of line apart by their heads", () => {
    expect(classifyLine("　　　第2章の2　基本的施策", "horizontal")).toEqual({
      kind: "container",
      unit: "chapter",
      number: [2, 2],
      heading: "基本的施策",
      range: false,
    });
    expect(classifyLine("　第1節　通則（第12条―第14条）", "horizontal")).toMatchObject({
      kind: "container",
      unit: "section",
      heading: "通則",
      range: true,
    });
    expect(classifyLine("第3条の2　本文", "horizontal")).toEqual({ kind: "article", number: [3, 2], text: "本文" });
    expect(classifyLine("第3条の規定により", "horizontal")).toEqual({ kind: "text", text: "第3条の規定により" });
    expect(classifyLine("　（目的）", "horizontal")).toEqual({ kind: "caption", text: "目的" });
    expect(classifyLine("２　本文", "vertical")).toEqual({ kind: "paragraph", number: 2, text: "本文" });
    expect(classifyLine("　(1)　市町村", "horizontal")).toEqual({ kind: "item", number: [1], text: "市町村" });
    expect(classifyLine("　（１）　市町村", "vertical")).toEqual({
      kind: "subitem",
      level: 2,
      index: 1,
      text: "市町村",
    });
    expect(classifyLine("　一の二　市町村", "vertical")).toEqual({ kind: "item", number: [1, 2], text: "市町村" });
    expect(classifyLine("　　(イ)　学校", "horizontal")).toEqual({ kind: "subitem", level: 2, index: 2, text: "学校" });
    expect(classifyLine("　　　附　則（令和7年鳥取県条例第3号）　抄", "horizontal")).toEqual({
      kind: "supplProvision",
      label: "附　則",
      amendLawNum: "令和7年鳥取県条例第3号",
      extract: true,
    });
    expect(classifyLine("目次", "horizontal")).toEqual({ kind: "toc" });
    expect(classifyLine("ヤングケアラー　家族の世話", "horizontal")).toEqual({
      kind: "text",
      text: "ヤングケアラー　家族の世話",
    });
  });

  it("splits sentences at 。 outside brackets and marks ただし書", () => {
    expect(splitSentences("「相談。」を受ける。ただし、急ぐときはこの限りでない。")).toEqual([
      { text: "「相談。」を受ける。", function: "main" },
      { text: "ただし、急ぐときはこの限りでない。", function: "proviso" },
    ]);
    expect(splitSentences("ただし書のない文")).toEqual([{ text: "ただし書のない文", function: "main" }]);
    expect(splitColumns("用語（「例　外」を含む。）　定義")).toEqual(["用語（「例　外」を含む。）", "定義"]);
  });
});
