import { describe, expect, it } from "vitest";
import { buildDoc, numberDocument, type NumberedProvision } from "../../../../ordinance/model";
import { sampleDraft } from "./sample-draft";

/** id → [label, address] for compact expectations. */
function table(map: Map<string, NumberedProvision>): Record<string, [string, string]> {
  return Object.fromEntries([...map].map(([id, info]) => [id, [info.label, info.address]]));
}

describe("numberDocument, 横書き (horizontal)", () => {
  const numbers = numberDocument(sampleDraft(), "horizontal");

  it("numbers chapters and sections, sections again within each chapter", () => {
    expect(table(numbers)).toMatchObject({
      ch1: ["第1章", "第1章"],
      ch2: ["第2章", "第2章"],
      ch2s1: ["第1節", "第2章第1節"],
      ch2s2: ["第2節", "第2章第2節"],
    });
    expect(numbers.get("ch2s1")?.kind).toBe("section");
  });

  it("numbers articles across chapters, a branch number from `num`, and the next one after it", () => {
    expect(table(numbers)).toMatchObject({
      a1: ["第1条", "第1条"],
      a2: ["第2条", "第2条"],
      a2_2: ["第2条の2", "第2条の2"],
      a3: ["第3条", "第3条"],
      a4: ["第4条", "第4条"],
    });
    expect(numbers.get("a2_2")?.num).toBe("2_2");
    expect(numbers.get("a3")?.num).toBe("3");
  });

  it("leaves the first paragraph unnumbered and numbers the next ones 2, 3", () => {
    expect(table(numbers)).toMatchObject({
      a1p1: ["", "第1条第1項"],
      a3p1: ["", "第3条第1項"],
      a3p2: ["2", "第3条第2項"],
    });
  });

  it("numbers items (1), (2) and subitems ア, イ then (ア), (イ)", () => {
    expect(table(numbers)).toMatchObject({
      a2i1: ["(1)", "第2条第1項第1号"],
      a2i2: ["(2)", "第2条第1項第2号"],
      a2i2s1: ["ア", "第2条第1項第2号ア"],
      a2i2s2: ["イ", "第2条第1項第2号イ"],
      a2i2s2s1: ["(ア)", "第2条第1項第2号イ(ア)"],
      a2i2s2s2: ["(イ)", "第2条第1項第2号イ(イ)"],
      a3p2i2: ["(2)", "第3条第2項第2号"],
    });
    expect(numbers.get("a2i2s2s1")).toMatchObject({ kind: "subitem", level: 2 });
    expect(numbers.get("a2i2")).toMatchObject({ kind: "item", level: 0 });
  });

  it("numbers the paragraphs of a 附則 within it, the first too when there are several", () => {
    expect(table(numbers)).toMatchObject({
      s1: ["附　則", "附則"],
      s1p1: ["1", "附則第1項"],
      s1p2: ["2", "附則第2項"],
    });
  });
});

describe("numberDocument, 縦書き (vertical)", () => {
  const numbers = numberDocument(sampleDraft(), "vertical");

  it("writes every number in kanji, paragraph numbers full-width, subitems イ, ロ then （１）", () => {
    expect(table(numbers)).toMatchObject({
      ch2s1: ["第一節", "第二章第一節"],
      a2_2: ["第二条の二", "第二条の二"],
      a3: ["第三条", "第三条"],
      a3p2: ["２", "第三条第二項"],
      a2i2: ["二", "第二条第一項第二号"],
      a2i2s2: ["ロ", "第二条第一項第二号ロ"],
      a2i2s2s2: ["（２）", "第二条第一項第二号ロ（２）"],
      s1p2: ["２", "附則第二項"],
    });
  });
});

describe("numberDocument on imported shapes", () => {
  const doc = buildDoc({
    title: "改正条例",
    main: [
      {
        id: "a1",
        paragraphs: [
          {
            id: "p1",
            sentences: ["本文"],
            items: [
              { id: "range", num: "1:3", label: "(1)から(3)まで", sentences: ["略"] },
              {
                id: "after",
                sentences: ["対象となる規定"],
                subitems: [
                  { id: "written", label: "ウからオまで", sentences: ["略"] },
                  { id: "next", sentences: ["規定"] },
                ],
              },
            ],
          },
        ],
      },
    ],
    supplProvisions: [
      { id: "s1", children: [{ id: "s1p1", sentences: ["この条例は、公布の日から施行する。"] }] },
      {
        id: "s2",
        amendLawNum: "令和7年鳥取県条例第3号",
        extract: true,
        children: [
          { id: "s2a1", paragraphs: ["施行期日"] },
          { id: "s2a3", num: "3", paragraphs: ["経過措置"] },
        ],
      },
    ],
  });
  const numbers = numberDocument(doc, "horizontal");

  it("prints a range as written and counts on from its end", () => {
    expect(table(numbers)).toMatchObject({
      range: ["(1)から(3)まで", "第1条第1項(1)から(3)まで"],
      after: ["(4)", "第1条第1項第4号"],
    });
    expect(numbers.get("range")?.num).toBe("1:3");
  });

  it("uses a written label as the address's last step", () => {
    expect(table(numbers)).toMatchObject({
      written: ["ウからオまで", "第1条第1項第4号ウからオまで"],
      next: ["イ", "第1条第1項第4号イ"],
    });
  });

  it("leaves a lone 附則 paragraph unnumbered and tells several 附則 apart by the amending law", () => {
    expect(table(numbers)).toMatchObject({
      s1: ["附　則", "附則"],
      s1p1: ["", "附則第1項"],
      s2: ["附　則", "附則（令和7年鳥取県条例第3号）"],
      s2a1: ["第1条", "附則（令和7年鳥取県条例第3号）第1条"],
      s2a3: ["第3条", "附則（令和7年鳥取県条例第3号）第3条"],
    });
  });

  it("does not throw past the deepest subitem level a style names", () => {
    let subitem = { id: "deep5", sentences: ["五段目"] } as { id: string; sentences: string[]; subitems?: unknown[] };
    for (let level = 4; level >= 1; level--)
      subitem = { id: `deep${level}`, sentences: [`${level}段目`], subitems: [subitem] };
    const deep = buildDoc({
      title: "t",
      main: [
        {
          id: "a",
          paragraphs: [{ sentences: ["本文"], items: [{ id: "i", sentences: ["号"], subitems: [subitem as never] }] }],
        },
      ],
    });
    const horizontal = numberDocument(deep, "horizontal");
    expect(horizontal.get("deep4")?.address).toBe("第1条第1項第1号ア(ア)a(a)");
    expect(horizontal.get("deep5")?.label).toBe("(1)");
    const vertical = numberDocument(deep, "vertical");
    expect(vertical.get("deep3")?.label).toBe("（ｉ）");
    expect(vertical.get("deep4")?.address).toBe("第一条第一項第一号イ（１）（ｉ）(1)");
  });

  it("leaves out nodes that have no id yet, numbering them all the same", () => {
    const partial = buildDoc({ title: "t", main: [{ paragraphs: ["一"] }, { id: "second", paragraphs: ["二"] }] });
    const map = numberDocument(partial, "horizontal");
    expect([...map.keys()]).toEqual(["second"]);
    expect(map.get("second")?.label).toBe("第2条");
  });
});
