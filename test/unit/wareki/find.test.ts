import { describe, expect, it } from "vitest";
import { findJapaneseDates, parseJapaneseDate } from "../../../search/wareki";

describe("findJapaneseDates", () => {
  it("finds three dates written three ways in a paragraph of minutes", () => {
    const minutes =
      "第1回研究会は令和４年５月１８日（水）に県庁で開催した。次回は2022/6/21とし、" +
      "報告書の案はR4.7.1までに委員へ送付する。なお、調査は平成30年度に実施した。";
    const found = findJapaneseDates(minutes);

    expect(found.map(({ text, iso, precision }) => ({ text, iso, precision }))).toEqual([
      { text: "令和４年５月１８日（水）", iso: "2022-05-18", precision: "day" },
      { text: "2022/6/21", iso: "2022-06-21", precision: "day" },
      { text: "R4.7.1", iso: "2022-07-01", precision: "day" },
    ]);
    for (const date of found) {
      expect(minutes.slice(date.start, date.end)).toBe(date.text);
      expect(parseJapaneseDate(date.text)?.iso).toBe(date.iso);
    }
    expect(found[0].start).toBe(minutes.indexOf("令和４年"));
  });

  it("keeps offsets right after an era ligature, which folds to two characters", () => {
    const text = "㍻31年4月30日と令和元年5月1日";
    const found = findJapaneseDates(text);
    expect(found.map((d) => [d.start, d.end, d.iso])).toEqual([
      [0, 9, "2019-04-30"],
      [10, 18, "2019-05-01"],
    ]);
  });

  it("reports month and year precision, and flags dates after their era", () => {
    const found = findJapaneseDates("令和3年の調査と2021年8月の公表、平成31年5月1日付け");
    expect(
      found.map(({ text, iso, precision, pastEraEnd }) => [text, iso, precision, pastEraEnd])
    ).toEqual([
      ["令和3年", "2021", "year", undefined],
      ["2021年8月", "2021-08", "month", undefined],
      ["平成31年5月1日", "2019-05-01", "day", true],
    ]);
  });

  it("skips fiscal years, yearless dates, short codes and impossible dates", () => {
    const text =
      "令和4年度予算、6月21日開催、図S1.2参照、コード2022-12、令和4年6月31日、" +
      "令和○年○月○日、R4.6.21.の誤記、ABR4.6.21、電話0857-26-7111";
    expect(findJapaneseDates(text).map((d) => d.text)).toEqual(["R4.6.21"]);
  });

  it("drops a date whose weekday is wrong rather than guess which part is right", () => {
    expect(findJapaneseDates("令和4年6月21日（水）に開催")).toEqual([]);
  });

  it("returns nothing for text without dates", () => {
    expect(findJapaneseDates("")).toEqual([]);
    expect(findJapaneseDates("孤独・孤立対策の推進について")).toEqual([]);
  });
});

describe("long blank runs", () => {
  it.each([
    `令和4年(2022${" ".repeat(50_000)}x`,
    `2022年(令和4${" ".repeat(50_000)}x`,
    `令和4年${" ".repeat(50_000)}x`,
  ])("parse and scan reject text with a 50,000-space run (%#)", (text) => {
    // Quadratic backtracking on such runs once hung here; the suite's test timeout is the
    // guard, so no clock is read in the assertion.
    expect(parseJapaneseDate(text)).toBeNull();
    expect(findJapaneseDates(text).map((d) => d.iso)).toEqual(["2022"]);
  });
});
