import { describe, expect, it } from "vitest";
import { DEFAULT_SYNONYMS, expandSynonyms, type SynonymSet } from "../../../search/text";

describe("expandSynonyms", () => {
  it("returns the normalized term first, then its equivalents", () => {
    expect(expandSynonyms("子供")).toEqual(["子供", "子ども", "こども"]);
    expect(expandSynonyms("引きこもり")).toEqual(["引きこもり", "ひきこもり", "引き籠もり", "引き籠り"]);
  });

  it("normalizes both the term and the groups", () => {
    expect(expandSynonyms("ﾔﾝｸﾞｹｱﾗｰ")).toEqual(["やんぐけあらー", "若年介護者"]);
    expect(expandSynonyms("８０５０問題")).toEqual(["8050問題", "はちまるごーまる問題"]);
    expect(expandSynonyms("ＤＶ")).toEqual(["dv", "どめすてぃっく ばいおれんす", "どめすてぃっくばいおれんす"]);
  });

  it("returns the term alone when it has no group, and nothing for blank input", () => {
    expect(expandSynonyms("研究会")).toEqual(["研究会"]);
    expect(expandSynonyms("  ")).toEqual([]);
  });

  it("takes custom sets and unites the groups a term belongs to", () => {
    const sets: SynonymSet[] = [
      ["施策", "取組"],
      ["取組", "取り組み"],
    ];
    expect(expandSynonyms("取組", sets)).toEqual(["取組", "施策", "取り組み"]);
    expect(expandSynonyms("施策", sets)).toEqual(["施策", "取組"]);
  });

  it("covers the domain's spelling variants by default", () => {
    const flat = DEFAULT_SYNONYMS.flat();
    expect(flat).toContain("障害者");
    expect(flat).toContain("はちまるごーまる問題");
  });
});
