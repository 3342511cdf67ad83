import { describe, expect, it } from "vitest";
import { type DatePrecision, formatJapaneseDate, parseJapaneseDate } from "../../../search/wareki";

const precisionOf = (iso: string): DatePrecision =>
  iso.length === 10 ? "day" : iso.length === 7 ? "month" : "year";

describe("canonical era dates, both directions", () => {
  it.each([
    ["2022-06-21", "令和4年6月21日"],
    ["2019-05-01", "令和元年5月1日"],
    ["2019-04-30", "平成31年4月30日"],
    ["1989-01-08", "平成元年1月8日"],
    ["1989-01-07", "昭和64年1月7日"],
    ["1926-12-25", "昭和元年12月25日"],
    ["1926-12-24", "大正15年12月24日"],
    ["1912-07-30", "大正元年7月30日"],
    ["1912-07-29", "明治45年7月29日"],
    ["2024-02-29", "令和6年2月29日"],
    ["2022-06", "令和4年6月"],
    ["2019-05", "令和元年5月"],
    ["2019-04", "平成31年4月"],
    ["2022", "令和4年"],
    ["2019", "令和元年"],
    ["1989", "平成元年"],
  ])("%s ⇄ %s", (iso, written) => {
    expect(formatJapaneseDate(iso)).toBe(written);
    expect(parseJapaneseDate(written)).toEqual({ iso, precision: precisionOf(iso) });
  });
});

describe("other ways of writing a date", () => {
  // [as written, ISO, canonical form]; the canonical form must parse back to the same ISO.
  it.each([
    ["令和４年６月２１日", "2022-06-21", "令和4年6月21日"],
    ["令和四年六月二十一日", "2022-06-21", "令和4年6月21日"],
    ["令和元年五月一日", "2019-05-01", "令和元年5月1日"],
    ["令和04年06月01日", "2022-06-01", "令和4年6月1日"],
    ["令和 4年 6月 1日", "2022-06-01", "令和4年6月1日"],
    ["令和４年　６月　１日", "2022-06-01", "令和4年6月1日"],
    ["R4.6.21", "2022-06-21", "令和4年6月21日"],
    ["R4/6/21", "2022-06-21", "令和4年6月21日"],
    ["r4-6-21", "2022-06-21", "令和4年6月21日"],
    ["Ｒ４．６．２１", "2022-06-21", "令和4年6月21日"],
    ["R元.5.1", "2019-05-01", "令和元年5月1日"],
    ["R4年6月21日", "2022-06-21", "令和4年6月21日"],
    ["H31.4.30", "2019-04-30", "平成31年4月30日"],
    ["S64.1.7", "1989-01-07", "昭和64年1月7日"],
    ["T15.12.24", "1926-12-24", "大正15年12月24日"],
    ["M45.7.29", "1912-07-29", "明治45年7月29日"],
    ["令和4.6.21", "2022-06-21", "令和4年6月21日"],
    ["㍻31年4月30日", "2019-04-30", "平成31年4月30日"],
    ["㋿元年5月1日", "2019-05-01", "令和元年5月1日"],
    ["2022年6月21日", "2022-06-21", "令和4年6月21日"],
    ["２０２２年６月２１日", "2022-06-21", "令和4年6月21日"],
    ["二〇二二年六月二十一日", "2022-06-21", "令和4年6月21日"],
    ["2022-06-21", "2022-06-21", "令和4年6月21日"],
    ["2022/6/21", "2022-06-21", "令和4年6月21日"],
    ["2022.6.21", "2022-06-21", "令和4年6月21日"],
    ["令和4年（2022年）6月21日", "2022-06-21", "令和4年6月21日"],
    ["2022年（令和4年）6月21日", "2022-06-21", "令和4年6月21日"],
    ["令和4年6月21日（火）", "2022-06-21", "令和4年6月21日"],
    ["令和4年6月21日(火曜日)", "2022-06-21", "令和4年6月21日"],
    ["令和5年5月3日（水・祝）", "2023-05-03", "令和5年5月3日"],
    ["R4.6", "2022-06", "令和4年6月"],
    ["2022-06", "2022-06", "令和4年6月"],
    ["2022年6月", "2022-06", "令和4年6月"],
    ["R4年", "2022", "令和4年"],
    ["2022年", "2022", "令和4年"],
    ["  令和4年6月21日 ", "2022-06-21", "令和4年6月21日"],
  ])("%s → %s → %s", (written, iso, canonical) => {
    const expected = { iso, precision: precisionOf(iso) };
    expect(parseJapaneseDate(written)).toEqual(expected);
    expect(formatJapaneseDate(iso)).toBe(canonical);
    expect(parseJapaneseDate(canonical)).toEqual(expected);
  });
});

describe("a year shared by two eras", () => {
  it("reads 平成31年 and 令和元年 as the same year 2019", () => {
    expect(parseJapaneseDate("平成31年")).toEqual({ iso: "2019", precision: "year" });
    expect(parseJapaneseDate("令和元年")).toEqual({ iso: "2019", precision: "year" });
    expect(parseJapaneseDate("昭和64年")).toEqual({ iso: "1989", precision: "year" });
  });

  it("writes the shared year and January 1989 with the newer era", () => {
    expect(formatJapaneseDate("2019")).toBe("令和元年");
    expect(formatJapaneseDate("1989-01")).toBe("平成元年1月");
    expect(parseJapaneseDate("昭和64年1月")).toEqual({ iso: "1989-01", precision: "month" });
  });
});

describe("dates after their era ended", () => {
  it.each([
    ["平成31年5月1日", "2019-05-01", "令和元年5月1日"],
    ["H31.5.1", "2019-05-01", "令和元年5月1日"],
    ["平成31年5月", "2019-05", "令和元年5月"],
    ["平成32年5月1日", "2020-05-01", "令和2年5月1日"],
    ["平成32年", "2020", "令和2年"],
    ["昭和64年1月8日", "1989-01-08", "平成元年1月8日"],
  ])("reads %s as %s and flags it; writes it back as %s", (written, iso, canonical) => {
    expect(parseJapaneseDate(written)).toEqual({
      iso,
      precision: precisionOf(iso),
      pastEraEnd: true,
    });
    expect(parseJapaneseDate(written, { allowPastEraEnd: false })).toBeNull();
    expect(formatJapaneseDate(iso)).toBe(canonical);
  });

  it("does not flag the last day, month or year of an era", () => {
    for (const written of ["平成31年4月30日", "平成31年4月", "平成31年", "昭和64年1月7日"]) {
      expect(parseJapaneseDate(written, { allowPastEraEnd: false })).not.toBeNull();
      expect(parseJapaneseDate(written)).not.toHaveProperty("pastEraEnd");
    }
  });
});

describe("format options, both directions", () => {
  it.each([
    ["2022-06-21", "令和4年（2022年）6月21日"],
    ["2019-05-01", "令和元年（2019年）5月1日"],
    ["2022-06", "令和4年（2022年）6月"],
    ["2022", "令和4年（2022年）"],
  ])("adds the Western year: %s ⇄ %s", (iso, written) => {
    expect(formatJapaneseDate(iso, { westernYear: true })).toBe(written);
    expect(parseJapaneseDate(written)?.iso).toBe(iso);
  });

  it.each([
    ["2022-06-21", {}, "令和四年六月二十一日"],
    ["2019-05-01", {}, "令和元年五月一日"],
    ["2022-06-21", { westernYear: true }, "令和四年（二〇二二年）六月二十一日"],
  ])("writes kanji numerals: %s ⇄ %s", (iso, extra, written) => {
    expect(formatJapaneseDate(iso, { ...extra, numerals: "kanji" })).toBe(written);
    expect(parseJapaneseDate(written)?.iso).toBe(iso);
  });

  it("drops the day or month on request but never invents one", () => {
    expect(formatJapaneseDate("2022-06-21", { precision: "month" })).toBe("令和4年6月");
    expect(formatJapaneseDate("2022-06-21", { precision: "year" })).toBe("令和4年");
    expect(formatJapaneseDate("2019-04-30", { precision: "year" })).toBe("令和元年");
    expect(formatJapaneseDate("2022-06", { precision: "day" })).toBeNull();
    expect(formatJapaneseDate("2022", { precision: "month" })).toBeNull();
  });
});

describe("invalid input", () => {
  it.each([
    "令和0年",
    "令和0年5月1日",
    "R0.5.1",
    "令和4年2月30日",
    "令和5年2月29日",
    "令和4年6月31日",
    "令和4年13月1日",
    "令和4年6月0日",
    "令和元年4月30日",
    "令和元年4月",
    "昭和元年12月24日",
    "令和4年6月21日（水）",
    "令和4年6月（火）",
    "令和4年（2021年）6月21日",
    "令和4年度",
    "令和○年○月○日",
    "令和",
    "令和4年6月21日現在",
    "6月21日",
    "2022",
    "22/6/21",
    "2022-6-31",
    "2022/6-21",
    "R4.6/21",
    "X4.6.21",
    "0999年1月1日",
    "",
    "   ",
  ])("%j → null", (written) => {
    expect(parseJapaneseDate(written)).toBeNull();
  });

  it("never throws, whatever it is given", () => {
    const odd = [null, undefined, 42, {}, "令和".repeat(10_000), "\uD800", "年月日", "R4..6"];
    for (const input of odd) {
      expect(() => parseJapaneseDate(input as unknown as string)).not.toThrow();
      expect(parseJapaneseDate(input as unknown as string)).toBeNull();
    }
  });

  it.each(["2022-6-21", "2022-02-30", "2022-13", "1867-12-31", "令和4年", "", "2022-06-21T00:00"])(
    "formatJapaneseDate(%j) → null",
    (iso) => {
      expect(formatJapaneseDate(iso)).toBeNull();
    }
  );
});
