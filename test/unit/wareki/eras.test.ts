import { describe, expect, it } from "vitest";
import { ERAS, toEraYear } from "../../../search/wareki";

describe("ERAS", () => {
  it("lists the modern eras oldest first with their first days and letters", () => {
    expect(ERAS.map((e) => [e.name, e.letter, e.start])).toEqual([
      ["明治", "M", "1868-01-01"],
      ["大正", "T", "1912-07-30"],
      ["昭和", "S", "1926-12-25"],
      ["平成", "H", "1989-01-08"],
      ["令和", "R", "2019-05-01"],
    ]);
  });
});

describe("toEraYear", () => {
  // Each era change: the last day of the old era, then the first day of the new one.
  it.each([
    [2019, 4, 30, "平成", 31],
    [2019, 5, 1, "令和", 1],
    [1989, 1, 7, "昭和", 64],
    [1989, 1, 8, "平成", 1],
    [1926, 12, 24, "大正", 15],
    [1926, 12, 25, "昭和", 1],
    [1912, 7, 29, "明治", 45],
    [1912, 7, 30, "大正", 1],
    [1868, 1, 1, "明治", 1],
    [2022, 6, 21, "令和", 4],
  ])("%i-%i-%i is %s %i", (year, month, day, era, eraYear) => {
    expect(toEraYear(year, month, day)).toEqual({ era, year: eraYear });
  });

  it("names a year or month shared by two eras after the newer one", () => {
    expect(toEraYear(2019)).toEqual({ era: "令和", year: 1 });
    expect(toEraYear(1989)).toEqual({ era: "平成", year: 1 });
    expect(toEraYear(2019, 4)).toEqual({ era: "平成", year: 31 });
    expect(toEraYear(2019, 5)).toEqual({ era: "令和", year: 1 });
    expect(toEraYear(1989, 1)).toEqual({ era: "平成", year: 1 });
    expect(toEraYear(1926, 12)).toEqual({ era: "昭和", year: 1 });
  });

  it.each([
    [1867, 12, 31],
    [2019, 13, 1],
    [2019, 2, 29],
    [2019.5, 1, 1],
    [2019, undefined, 1],
  ])("rejects %s-%s-%s", (year, month, day) => {
    expect(toEraYear(year, month, day)).toBeNull();
  });
});
