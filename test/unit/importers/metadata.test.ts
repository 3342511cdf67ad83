import { describe, expect, it } from "vitest";
import { guessKind, suggestMetadata, type ExtractedText, type MetadataVocabulary } from "../../../importers";

// Names as seeded from ../shared/DOMAIN.md.
const VOCABULARY: MetadataVocabulary = {
  bodies: [
    { code: "pt", name: "鳥取県庁孤独・孤立対策プロジェクトチーム" },
    { code: "study", name: "条例検討研究会", aliases: ["研究会"] },
    { code: "tottori-platform", name: "とっとり孤独・孤立対策官民連携プラットフォーム" },
    { code: "national-platform", name: "孤独・孤立対策官民連携プラットフォーム" },
    { code: "wg1", name: "分科会1（声を上げやすい・かけやすい社会）" },
  ],
  departments: [
    { code: "fukushi", name: "福祉保健部" },
    { code: "kosodate", name: "子育て・人財局" },
    { code: "kyoiku", name: "教育委員会事務局" },
  ],
};

function doc(text: string, extra: Partial<ExtractedText> = {}): ExtractedText {
  return { format: "text", sections: [], text, warnings: [], ...extra };
}

describe("suggestMetadata", () => {
  it("suggests title, kind, date, body and department for a page of minutes", () => {
    const minutes = doc(
      [
        "第1回条例検討研究会 議事概要",
        "日時：令和４年５月１８日（水）午後2時",
        "事務局（福祉保健部）から、研究会の進め方を説明した。",
        "次回は令和4年6月21日に開催する。",
      ].join("\n")
    );
    const suggestion = suggestMetadata(minutes, VOCABULARY);

    expect(suggestion.title).toBe("第1回条例検討研究会 議事概要");
    expect(suggestion.kind).toBe("minutes");
    expect(suggestion.date?.iso).toBe("2022-05-18");
    expect(suggestion.dates.map((date) => date.iso)).toEqual(["2022-05-18", "2022-06-21"]);
    expect(suggestion.bodies).toEqual([{ code: "study", name: "条例検討研究会" }]);
    expect(suggestion.departments).toEqual([{ code: "fukushi", name: "福祉保健部" }]);
  });

  it("prefers the document's own title, then skips date and number lines", () => {
    expect(suggestMetadata(doc("本文", { title: "孤独・孤立対策推進計画" }), VOCABULARY).title).toBe(
      "孤独・孤立対策推進計画"
    );
    expect(
      suggestMetadata(doc("令和4年6月21日\n資料2\n- 1 -\n官民連携の取組について"), VOCABULARY).title
    ).toBe("官民連携の取組について");
  });

  it("takes the first heading when the text opens with a sentence", () => {
    const text = doc("この資料は、研究会での議論のために作成したものである。\n1. 背景", {
      sections: [
        { level: 0, text: "この資料は、研究会での議論のために作成したものである。" },
        { heading: "1. 背景", level: 1, text: "" },
      ],
    });
    expect(suggestMetadata(text, VOCABULARY).title).toBe("1. 背景");
  });

  it("takes a cover-page line before the first heading", () => {
    const text = doc("孤独・孤立対策の取組について\n\n1. 相談体制の整備\n本文である。", {
      sections: [
        { level: 0, text: "孤独・孤立対策の取組について" },
        { heading: "1. 相談体制の整備", level: 1, text: "本文である。" },
      ],
    });
    expect(suggestMetadata(text, VOCABULARY).title).toBe("孤独・孤立対策の取組について");
  });

  it("shortens a long opening line when there is nothing better", () => {
    const long = "孤独・孤立".repeat(30);
    expect(suggestMetadata(doc(long), VOCABULARY).title).toBe(`${long.slice(0, 99)}…`);
  });

  it("gives no title and no date for an empty document", () => {
    const suggestion = suggestMetadata(doc(""), VOCABULARY);
    expect(suggestion).toMatchObject({ title: null, kind: "material", date: null, dates: [], bodies: [] });
  });

  it("picks the prefectural platform, not the national one its name contains", () => {
    const text = doc("とっとり孤独・孤立対策官民連携プラットフォームの第2回会議を開いた。");
    expect(suggestMetadata(text, VOCABULARY).bodies.map((body) => body.code)).toEqual(["tottori-platform"]);
  });

  it("finds the national platform by its own full name", () => {
    const text = doc("国の孤独・孤立対策官民連携プラットフォームには257団体が参加している。");
    expect(suggestMetadata(text, VOCABULARY).bodies.map((body) => body.code)).toEqual(["national-platform"]);
  });

  it("matches short forms: without the prefecture, PT, without 事務局 or a parenthesis", () => {
    const text = doc(
      "孤独・孤立対策PTと教育委員会が協議し、分科会１の報告を受けた。子育て・人財局も出席した。"
    );
    const suggestion = suggestMetadata(text, VOCABULARY);
    expect(suggestion.bodies.map((body) => body.code)).toEqual(["pt", "wg1"]);
    expect(suggestion.departments.map((department) => department.code)).toEqual(["kyoiku", "kosodate"]);
  });
});

describe("guessKind", () => {
  it.each([
    ["第3回研究会 会議録", "", "minutes"],
    ["PT会議 議事録", "", "minutes"],
    ["意見交換会 議事要旨", "", "minutes"],
    ["鳥取県孤独・孤立対策推進計画", "", "plan"],
    ["アクションプラン", "", "plan"],
    ["ヤングケアラー実態調査結果", "", "survey"],
    ["県民アンケートの結果", "", "survey"],
    ["孤独・孤立対策推進法", "（目的）\n第1条　この法律は、…", "law"],
    ["誰一人取り残さない社会づくり条例（案）", "第一条　この条例は、…", "law"],
    ["計画策定条例", "第1条　この条例は、…", "law"],
    ["相談窓口拡充事業", "", "measure"],
    ["令和5年度の主な施策", "", "measure"],
    ["条例の骨子について", "", "material"],
    ["資料1", "ヤングケアラー実態調査の結果を報告する。", "survey"],
    ["説明資料", "", "material"],
  ] as const)("%s → %s", (title, text, kind) => {
    expect(guessKind(title, text)).toBe(kind);
  });
});
