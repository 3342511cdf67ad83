import { describe, expect, it } from "vitest";
import {
  fiscalYearOf,
  formatFiscalYear,
  formatFiscalYearRange,
  parseFiscalYear,
} from "../../../search/wareki";

const single = (fiscalYear: number) => ({
  fiscalYear,
  lastFiscalYear: fiscalYear,
  start: `${fiscalYear}-04-01`,
  end: `${fiscalYear + 1}-03-31`,
});

describe("fiscal years, both directions", () => {
  it.each([
    [2022, "令和4年度"],
    [2019, "令和元年度"],
    [2018, "平成30年度"],
    [1989, "平成元年度"],
    [1988, "昭和63年度"],
  ])("%i ⇄ %s", (fiscalYear, written) => {
    expect(formatFiscalYear(fiscalYear)).toBe(written);
    expect(parseFiscalYear(written)).toEqual(single(fiscalYear));
  });

  it.each([
    ["R4年度", 2022],
    ["r4年度", 2022],
    ["令和４年度", 2022],
    ["令和四年度", 2022],
    ["2022年度", 2022],
    ["２０２２年度", 2022],
    ["二〇二二年度", 2022],
    ["令和 4 年度", 2022],
    ["平成31年度", 2019],
    ["R元年度", 2019],
    ["令和4年度（2022年度）", 2022],
    ["2022年度（令和4年度）", 2022],
  ])("reads %s as FY%i and writes it back canonically", (written, fiscalYear) => {
    expect(parseFiscalYear(written)).toEqual(single(fiscalYear));
    const canonical = formatFiscalYear(fiscalYear) as string;
    expect(parseFiscalYear(canonical)).toEqual(single(fiscalYear));
  });

  it("writes and reads the Western year and kanji numerals", () => {
    expect(formatFiscalYear(2022, { westernYear: true })).toBe("令和4年度（2022年度）");
    expect(formatFiscalYear(2019, { westernYear: true })).toBe("令和元年度（2019年度）");
    expect(formatFiscalYear(2022, { numerals: "kanji" })).toBe("令和四年度");
    expect(parseFiscalYear("令和4年度（2022年度）")).toEqual(single(2022));
    expect(parseFiscalYear("令和四年度")).toEqual(single(2022));
  });
});

describe("fiscal-year ranges, both directions", () => {
  const fy2021to2023 = {
    fiscalYear: 2021,
    lastFiscalYear: 2023,
    start: "2021-04-01",
    end: "2024-03-31",
  };

  it.each([
    "令和3年度～令和5年度",
    "令和3〜5年度",
    "令和3年度〜5年度",
    "令和3年度から令和5年度まで",
    "R3～R5年度",
    "2021～2023年度",
    "2021年度-2023年度",
  ])("reads %s", (written) => {
    expect(parseFiscalYear(written)).toEqual(fy2021to2023);
  });

  it("writes a range and reads it back", () => {
    expect(formatFiscalYearRange(2021, 2023)).toBe("令和3年度～令和5年度");
    expect(parseFiscalYear("令和3年度～令和5年度")).toEqual(fy2021to2023);
    expect(formatFiscalYearRange(2018, 2020)).toBe("平成30年度～令和2年度");
    expect(parseFiscalYear("平成30年度～令和2年度")).toEqual({
      fiscalYear: 2018,
      lastFiscalYear: 2020,
      start: "2018-04-01",
      end: "2021-03-31",
    });
    expect(formatFiscalYearRange(2023, 2021)).toBeNull();
  });
});

describe("fiscal years after their era ended", () => {
  it("reads 平成32年度 as FY2020, flags it and writes it as 令和2年度", () => {
    expect(parseFiscalYear("平成32年度")).toEqual({ ...single(2020), pastEraEnd: true });
    expect(parseFiscalYear("平成32年度", { allowPastEraEnd: false })).toBeNull();
    expect(parseFiscalYear("平成30年度～平成32年度")?.pastEraEnd).toBe(true);
    expect(formatFiscalYear(2020)).toBe("令和2年度");
  });

  it("does not flag 平成31年度, which began under 平成", () => {
    expect(parseFiscalYear("平成31年度", { allowPastEraEnd: false })).toEqual(single(2019));
  });
});

describe("fiscalYearOf", () => {
  it.each([
    ["2023-03-31", 2022],
    ["2023-04-01", 2023],
    ["2022-04-01", 2022],
    ["2023-01-01", 2022],
    ["2022-12-31", 2022],
    ["2023-03", 2022],
    ["2023-04", 2023],
  ])("%s falls in FY%i", (iso, fiscalYear) => {
    expect(fiscalYearOf(iso)).toBe(fiscalYear);
  });

  it("agrees with the span parseFiscalYear gives", () => {
    const fy = parseFiscalYear("令和4年度");
    expect(fiscalYearOf(fy?.start as string)).toBe(2022);
    expect(fiscalYearOf(fy?.end as string)).toBe(2022);
  });

  it.each(["2023", "2023-02-30", "令和5年3月31日", ""])("%j → null", (iso) => {
    expect(fiscalYearOf(iso)).toBeNull();
  });
});

describe("invalid fiscal years", () => {
  it.each([
    "令和0年度",
    "4年度",
    "元年度",
    "令和4年",
    "令和4年度（2021年度）",
    "令和5年度～令和3年度",
    "令和3～5",
    "令和3年度～",
    "2022",
    "X4年度",
    "",
  ])("%j → null", (written) => {
    expect(parseFiscalYear(written)).toBeNull();
  });

  it("never throws", () => {
    for (const input of [null, undefined, 2022, "年度".repeat(10_000)]) {
      expect(parseFiscalYear(input as unknown as string)).toBeNull();
    }
    expect(formatFiscalYear(1867)).toBeNull();
    expect(formatFiscalYear(2022.5)).toBeNull();
  });
});

describe("long blank runs, as PDF text extraction leaves them", () => {
  // Adjacent optional space runs once made a failing match take seconds here.
  it.each([
    `令和3${" ".repeat(50_000)}~x`,
    `2022${" ".repeat(50_000)}年x`,
    `令和4年度(2022${" ".repeat(50_000)}x`,
    `令和3年度~令和5年度${" ".repeat(50_000)}x`,
  ])("rejects text with a 50,000-space run (%#); the test timeout guards against a hang", (text) => {
    expect(parseFiscalYear(text)).toBeNull();
  });
});
