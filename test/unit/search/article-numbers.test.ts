import { describe, expect, it } from "vitest";
import { addArticleNumberVariants } from "../../../search/article-numbers";
import { analyzeQuery } from "../../../search/text";

const variants = (q: string) => {
  const clause = addArticleNumberVariants(analyzeQuery(q)).clauses[0]!;
  return clause.kind === "match" ? clause.anyOf[0]!.variants : [];
};

describe("article numbers in both styles", () => {
  it("adds the kanji spelling of an Arabic citation", () => {
    expect(variants("第12条の2")).toContain("第十二条の二");
  });
  it("adds the Arabic spelling of a kanji citation, paragraph and item included", () => {
    expect(variants("第三条第二項第一号")).toContain("第3条第2項第1号");
  });
  it("leaves other words alone", () => {
    expect(variants("相談窓口")).toEqual([]);
  });
});
