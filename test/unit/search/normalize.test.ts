import { describe, expect, it } from "vitest";
import { KANJI_VARIANT_FOLDS, normalizeForSearch, normalizeText, RADICAL_SUPPLEMENT_FOLDS } from "../../../search/text";

describe("normalizeText: radicals", () => {
  it("folds CJK Radicals Supplement characters that stand for whole kanji", () => {
    expect(normalizeText("⺠間")).toBe("民間");
    expect(normalizeText("⻄部")).toBe("西部");
    expect(normalizeText("社⻑")).toBe("社長");
    expect(normalizeText("⻘少年")).toBe("青少年");
    expect(normalizeText("⻝事")).toBe("食事");
    expect(normalizeText("⻭科")).toBe("歯科");
    expect(normalizeText("⻲")).toBe("亀");
    expect(normalizeText("⻱")).toBe("亀"); // via 龜, then the variant table
  });

  it("folds Kangxi Radicals through NFKC", () => {
    expect(normalizeText("\u2F47\u2F64")).toBe("日用"); // ⽇⽤ KANGXI RADICAL SUN, USE
    expect(normalizeText("\u2E9F")).toBe("母"); // ⺟ has an NFKC mapping of its own
  });

  it("leaves component-only radicals alone", () => {
    expect(normalizeText("\u2EAB")).toBe("\u2EAB"); // ⺫ is 罒, not 目
  });
});

describe("normalizeText: kanji variants", () => {
  it("folds old and variant forms to the everyday kanji", () => {
    expect(normalizeText("國")).toBe("国");
    expect(normalizeText("髙橋")).toBe("高橋");
    expect(normalizeText("宮﨑")).toBe("宮崎");
    expect(normalizeText("渡邊 渡邉")).toBe("渡辺 渡辺");
    expect(normalizeText("齋藤 齊藤")).toBe("斎藤 斉藤");
    expect(normalizeText("鳥取縣條例")).toBe("鳥取県条例");
    expect(normalizeText("𠮷野")).toBe("吉野");
  });

  it("keeps the variant table one pass deep: one code point each, no chains", () => {
    for (const [from, to] of KANJI_VARIANT_FOLDS) {
      expect(Array.from(from)).toHaveLength(1);
      expect(Array.from(to)).toHaveLength(1);
      expect(from).not.toBe(to);
      expect(KANJI_VARIANT_FOLDS.has(to)).toBe(false);
    }
  });

  it("lists only CJK Radicals Supplement characters in the radical table", () => {
    for (const from of RADICAL_SUPPLEMENT_FOLDS.keys()) {
      const code = from.codePointAt(0) ?? 0;
      expect(code >= 0x2e80 && code <= 0x2ef3).toBe(true);
    }
  });
});

describe("normalizeText: width, case and kana", () => {
  it("makes full-width and half-width digits equal", () => {
    expect(normalizeText("８０５０問題")).toBe("8050問題");
    expect(normalizeText("8050問題")).toBe("8050問題");
  });

  it("folds half-width katakana, katakana and hiragana to one spelling", () => {
    expect(normalizeText("ﾔﾝｸﾞｹｱﾗｰ")).toBe("やんぐけあらー");
    expect(normalizeText("ヤングケアラー")).toBe("やんぐけあらー");
    expect(normalizeText("やんぐけあらー")).toBe("やんぐけあらー");
  });

  it("lower-cases Latin letters, full-width ones included", () => {
    expect(normalizeText("ＮＰＯ法人 SDGs")).toBe("npo法人 sdgs");
  });

  it("joins a spacing dakuten to its kana", () => {
    expect(normalizeText("か゛")).toBe("が");
  });

  it("spells 々 and small ヶ out", () => {
    expect(normalizeText("老々介護")).toBe("老老介護");
    expect(normalizeText("3ヶ月 3ヵ月 3カ月")).toBe("3か月 3か月 3か月");
  });
});

describe("normalizeText: punctuation and spacing", () => {
  it("turns dashes after kana into the long vowel mark", () => {
    expect(normalizeText("ケアラ―")).toBe("けあらー");
    expect(normalizeText("コンピュータ－")).toBe("こんぴゅーたー");
    expect(normalizeText("ｹｱﾗｰ")).toBe("けあらー");
    expect(normalizeText("サ—ビス")).toBe("さーびす");
  });

  it("keeps a hyphen that does not follow kana or that precedes a letter or digit", () => {
    expect(normalizeText("A-B")).toBe("a-b");
    expect(normalizeText("カ-2")).toBe("か-2");
  });

  it("unifies wave dashes and tildes", () => {
    expect(normalizeText("4月〜6月")).toBe("4月~6月");
    expect(normalizeText("4月～6月")).toBe("4月~6月");
  });

  it("turns middle dots into a word break", () => {
    expect(normalizeText("孤独・孤立")).toBe("孤独 孤立");
    expect(normalizeText("孤独･孤立")).toBe("孤独 孤立");
  });

  it("collapses whitespace, ideographic space included, and trims", () => {
    expect(normalizeText(" \t 家族会\u3000\u3000研究会 \n")).toBe("家族会 研究会");
  });

  it("drops zero-width characters and variation selectors", () => {
    expect(normalizeText("家\u200B族\uFEFF会")).toBe("家族会");
    expect(normalizeText("葛\u{E0100}飾")).toBe("葛飾");
  });

  it("returns empty text for empty or blank input", () => {
    expect(normalizeText("")).toBe("");
    expect(normalizeText(" \u3000・ ")).toBe("");
  });
});

describe("normalizeForSearch", () => {
  it("is idempotent", () => {
    const samples = ["ﾔﾝｸﾞｹｱﾗｰの⺠間支援", "㍻31年４月〜６月", "孤独・孤立 対策", "İstanbul ケアラ―", "老々介護 3ヶ月"];
    for (const sample of samples) {
      const once = normalizeText(sample);
      expect(normalizeText(once)).toBe(once);
    }
  });

  it("keeps katakana in boundaryText, with the same length as text", () => {
    const normalized = normalizeForSearch("ﾌﾟﾗｯﾄﾌｫｰﾑの人々");
    expect(normalized.text).toBe("ぷらっとふぉーむの人人");
    expect(normalized.boundaryText).toBe("プラットフォームの人々");
  });
});
