import { describe, expect, it } from "vitest";
import { cleanInline, cleanJapaneseText, foldIdeographs } from "../../../importers";

describe("foldIdeographs", () => {
  it("turns CJK Radicals Supplement code points into the ideographs they depict", () => {
    expect(foldIdeographs("⺠⻄⻑⻘⻝⻤⺟⻆⻨⻩⻭⻲")).toBe("民西長青食鬼母角麦黄歯亀");
  });

  it("turns Kangxi Radicals into ideographs, as NFKC does", () => {
    // U+2F08 KANGXI RADICAL MAN, U+2F47 SUN, U+2FA8 GATE
    expect(foldIdeographs("\u2F08\u2F47\u2FA8")).toBe("人日門");
  });

  it("unifies compatibility ideographs but keeps the twelve that are unified already", () => {
    // U+FA19 神 (compatibility) → U+795E; U+FA11 﨑 has no decomposition and stays.
    expect(foldIdeographs("\uFA19戸\uFA11")).toBe("\u795E戸\uFA11");
  });

  it("leaves component radicals, width, kana and punctuation as written", () => {
    const text = "⺅ ＡＢＣ１２３ ｶﾀｶﾅ ㍻ ① 「」";
    expect(foldIdeographs(text)).toBe(text);
  });

  it("keeps a radical's traditional form: variant folding is for search, not storage", () => {
    // U+2EF1 CJK RADICAL TURTLE depicts 龜, which stays 龜.
    expect(foldIdeographs("\u2EF1")).toBe("龜");
  });

  it("keeps astral ideographs intact", () => {
    expect(foldIdeographs("𠮷野家の⻄")).toBe("𠮷野家の西");
  });
});

describe("cleanJapaneseText: folds", () => {
  it("repairs what PDF extraction typically yields", () => {
    expect(cleanJapaneseText("市⺠の相談窓口を⻄部に設け、社⻑が説明した。")).toBe(
      "市民の相談窓口を西部に設け、社長が説明した。"
    );
  });

  it("does not fold kana or width: stored text stays as written", () => {
    const text = "ｶﾀｶﾅと全角ＡＢＣと１２３、ヶ所。";
    expect(cleanJapaneseText(text)).toBe(text);
  });
});

describe("cleanJapaneseText: broken lines", () => {
  it("joins a Japanese sentence broken mid-word, without a space", () => {
    const text = [
      "県は、孤独・孤立の状態にある人を早く見つけて支援につなぐため、相談窓",
      "口を東部・中部・西部に置く。",
    ].join("\n");
    expect(cleanJapaneseText(text)).toBe(
      "県は、孤独・孤立の状態にある人を早く見つけて支援につなぐため、相談窓口を東部・中部・西部に置く。"
    );
  });

  it("joins three wrapped lines of one paragraph and stops at the sentence end", () => {
    const text = [
      "ヤングケアラーとは、本来大人が担うと想定されている家事や家族の",
      "世話などを日常的に行っている子どものことをいい、県は実態を把握",
      "するため調査を行った。",
      "次の段落は新しい文から始まる。",
    ].join("\n");
    expect(cleanJapaneseText(text).split("\n")).toEqual([
      "ヤングケアラーとは、本来大人が担うと想定されている家事や家族の世話などを日常的に行っている子どものことをいい、県は実態を把握するため調査を行った。",
      "次の段落は新しい文から始まる。",
    ]);
  });

  it("puts one space between two Latin words", () => {
    const text = "The prefecture opened a consultation desk for young\ncarers in the western region.";
    expect(cleanJapaneseText(text)).toBe(
      "The prefecture opened a consultation desk for young carers in the western region."
    );
  });

  it("joins a line ending in a comma", () => {
    const text = "支援団体と連携した相談体制を整えるとともに、\n情報の共有を進める。";
    expect(cleanJapaneseText(text)).toBe("支援団体と連携した相談体制を整えるとともに、情報の共有を進める。");
  });

  it.each([
    ["a full stop", "相談窓口を設置した。\n次に広報を行った。"],
    ["a closing bracket", "「誰一人取り残さない」\n社会を目指す。"],
    ["a colon", "主な意見は次のとおり：\n窓口の時間を延ばしてほしい。"],
    ["a question mark", "何が必要か？\n支援の形を考える。"],
  ])("does not join after %s", (_, text) => {
    expect(cleanJapaneseText(text)).toBe(text);
  });

  it("does not join into or out of a heading", () => {
    const text =
      "第1　目的\nこの計画は、孤独・孤立の対策を総合的に進めるためのものである。\n（1）相談体制\n窓口を設ける。";
    expect(cleanJapaneseText(text)).toBe(text);
  });

  it("does not join before a list item, a note or an indented paragraph", () => {
    const text = [
      "関係機関は次のとおりとし、県が事務局を務め",
      "・市町村",
      "※ 社会福祉協議会を含む",
      "　新しい段落は字下げで始まり、前の行とはつながらない。",
    ].join("\n");
    expect(cleanJapaneseText(text)).toBe(text);
  });

  it("does not join short lines such as a list of names", () => {
    const text = "出席者\n委員長 山田\n副委員長 鈴木\n事務局 福祉保健部";
    expect(cleanJapaneseText(text)).toBe(text);
  });

  it("does not join a line that stops well short of the widest line", () => {
    const text = [
      "孤独・孤立対策官民連携プラットフォームの取組",
      "県は、市町村や支援団体と連携して、孤独・孤立の状態にある人を支援につなぐ。",
    ].join("\n");
    expect(cleanJapaneseText(text)).toBe(text);
  });

  it("does not join table rows whose cells are separated by tabs or wide spaces", () => {
    const text = "区分\t人数\t割合\n小学5年生\t7\t1.8%\n中学2年生  8  2.0%";
    expect(cleanJapaneseText(text)).toBe(text);
  });

  it("never joins across a blank line", () => {
    const text = "相談窓口の時間を延長する方向で検討しており、具体的には今後\n\n次の会議で決める";
    expect(cleanJapaneseText(text)).toBe(text);
  });
});

describe("cleanJapaneseText: bullets", () => {
  it("turns bullet glyphs at line start into ・ and drops the space after them", () => {
    const text = [
      "○ 市町村との連携を強化する。",
      "● 広報カードを配布する。",
      "□ 研修を行う。",
      "◆ 調査を行う。",
      "・ 情報を共有する。",
    ].join("\n");
    expect(cleanJapaneseText(text).split("\n")).toEqual([
      "・市町村との連携を強化する。",
      "・広報カードを配布する。",
      "・研修を行う。",
      "・調査を行う。",
      "・情報を共有する。",
    ]);
  });

  it("keeps ※ as a note marker and arrows as written", () => {
    const text = "※ 数値は速報値である。\n→ 県へ報告する。\n⇒ 次回までに整理する。";
    expect(cleanJapaneseText(text)).toBe(text);
  });

  it("keeps ■ ● ◆ on lines that read as headings", () => {
    expect(cleanJapaneseText("■ 今後の取組\n● 相談体制")).toBe("■ 今後の取組\n● 相談体制");
  });

  it("leaves placeholders and ellipses alone", () => {
    expect(cleanJapaneseText("○○市と△△町が参加した。\n・・・以下略")).toBe(
      "○○市と△△町が参加した。\n・・・以下略"
    );
  });

  it("keeps the indentation of nested bullets", () => {
    expect(cleanJapaneseText("・相談\n　○ 電話相談を行う。")).toBe("・相談\n　・電話相談を行う。");
  });
});

describe("cleanJapaneseText: whitespace", () => {
  it("collapses repeated blank lines and trims the ends", () => {
    expect(cleanJapaneseText("\n\n第1　目的\n\n\n\n本文である。\n\n\n")).toBe("第1　目的\n\n本文である。");
  });

  it("trims trailing half- and full-width spaces but keeps the leading indent", () => {
    expect(cleanJapaneseText("　字下げした段落である。 \u3000\t\n次の文。  ")).toBe(
      "　字下げした段落である。\n次の文。"
    );
  });

  it("normalises CRLF and CR line ends and removes BOMs and zero-width spaces", () => {
    expect(cleanJapaneseText("\uFEFF一行目。\r\n二行\u200B目。\r三行目。")).toBe(
      "一行目。\n二行目。\n三行目。"
    );
  });

  it("removes control characters but keeps tabs", () => {
    expect(cleanJapaneseText("区分\u0007\t人数\u0000")).toBe("区分\t人数");
  });

  it("is stable: cleaning cleaned text changes nothing", () => {
    const text =
      "第1　目的\n市⺠の孤独を防ぐため、県は相談体制を整える。窓口は東部・中部・西部に置\nき、支援団体と連携する。\n\n\n○ 広報を行う。";
    const once = cleanJapaneseText(text);
    expect(cleanJapaneseText(once)).toBe(once);
  });

  it("returns an empty string for blank input", () => {
    expect(cleanJapaneseText(" \n\u3000\n\t")).toBe("");
  });
});

describe("cleanJapaneseText: size", () => {
  it("handles a long document that is one paragraph", () => {
    const line = "県は相談体制を整えるため、市町村や支援団体と連携して取り組みを進め";
    const text = Array.from({ length: 200_000 }, () => line).join("\n");
    expect(cleanJapaneseText(text)).toHaveLength(line.length * 200_000);
  });
});

describe("cleanInline", () => {
  it("folds and collapses a heading onto one line", () => {
    expect(cleanInline("  市⺠の\n孤独・孤立  対策 ")).toBe("市民の 孤独・孤立 対策");
  });
});
