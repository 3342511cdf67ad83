import { describe, expect, it } from "vitest";
import { eraYearVariants, parseEraYearNumber } from "../../../search/text";

const termsOf = (text: string) => eraYearVariants(text).map((token) => token.text);

describe("eraYearVariants", () => {
  it("adds the Gregorian year to an era year, both ways", () => {
    expect(termsOf("令和4年")).toEqual(["2022年"]);
    expect(termsOf("2022年")).toEqual(["令和4年"]);
  });

  it("keeps 年度 (fiscal year) on both sides", () => {
    expect(termsOf("令和4年度予算")).toEqual(["2022年度"]);
    expect(termsOf("2022年度")).toEqual(["令和4年度"]);
  });

  it("expands short forms R4 and H31", () => {
    expect(termsOf("r4")).toEqual(["2022年", "令和4年"]);
    expect(termsOf("r4年度")).toEqual(["2022年度", "令和4年度"]);
    expect(termsOf("h30")).toEqual(["2018年", "平成30年"]);
    expect(termsOf("s56年")).toEqual(["1981年", "昭和56年"]);
  });

  it("reads a bare short form only for R and H", () => {
    expect(termsOf("m1")).toEqual([]);
    expect(termsOf("s2")).toEqual([]);
  });

  it("treats 元年 and the boundary years as the same year", () => {
    expect(termsOf("令和元年")).toEqual(["2019年", "令和1年", "平成31年"]);
    expect(termsOf("平成31年")).toEqual(["2019年", "令和元年", "令和1年"]);
    expect(termsOf("2019年度")).toEqual(["令和元年度", "令和1年度", "平成31年度"]);
    expect(termsOf("昭和64年")).toEqual(["1989年", "平成元年", "平成1年"]);
    expect(termsOf("1926年")).toEqual(["昭和元年", "昭和1年", "大正15年"]);
    expect(termsOf("明治元年")).toEqual(["1868年", "明治1年"]);
  });

  it("maps an era year written past its era's end (plans from before 2019)", () => {
    expect(termsOf("平成32年度")).toEqual(["2020年度", "令和2年度"]);
  });

  it("reads kanji numerals", () => {
    expect(termsOf("令和四年")).toEqual(["2022年", "令和4年"]);
    expect(termsOf("昭和六十四年")).toEqual(["1989年", "昭和64年", "平成元年", "平成1年"]);
  });

  it("carries the span of the source text", () => {
    expect(eraYearVariants("資料は令和4年度版")).toEqual([{ text: "2022年度", start: 3, end: 8 }]);
  });

  it("ignores things that only look like years", () => {
    expect(termsOf("h2o")).toEqual([]);
    expect(termsOf("r4b")).toEqual([]);
    expect(termsOf("1867年")).toEqual([]);
    expect(termsOf("12022年")).toEqual([]);
    expect(termsOf("令和0年")).toEqual([]);
    expect(termsOf("")).toEqual([]);
  });
});

describe("parseEraYearNumber", () => {
  it("reads 元, digits and kanji numerals up to 99", () => {
    expect(parseEraYearNumber("元")).toBe(1);
    expect(parseEraYearNumber("31")).toBe(31);
    expect(parseEraYearNumber("十")).toBe(10);
    expect(parseEraYearNumber("十一")).toBe(11);
    expect(parseEraYearNumber("二十")).toBe(20);
    expect(parseEraYearNumber("三十一")).toBe(31);
  });

  it("rejects malformed numbers", () => {
    expect(parseEraYearNumber("0")).toBeUndefined();
    expect(parseEraYearNumber("二二")).toBeUndefined();
    expect(parseEraYearNumber("十十")).toBeUndefined();
    expect(parseEraYearNumber("")).toBeUndefined();
  });
});
