import { describe, expect, it } from "vitest";
import { formatJapaneseDate } from "../../../search/wareki";

// Our table, checked against ICU's Japanese calendar where the runtime has one that writes
// 元年. From 1873 (the Gregorian adoption) both should agree on every day; before that
// ICU starts 明治 on 1868-10-23 while we count the whole of 1868 (see eras.ts).
const intl = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  era: "long",
  year: "numeric",
  month: "long",
  day: "numeric",
  timeZone: "UTC",
});
const icuWritesGannen = intl.format(Date.UTC(2019, 4, 1)) === "令和元年5月1日";

describe.runIf(icuWritesGannen)("agreement with Intl's Japanese calendar", () => {
  it("matches on every day of every era change and every 7th day from 1873 to 2030", () => {
    const day = 86_400_000;
    const times: number[] = [];
    for (let t = Date.UTC(1873, 0, 1); t < Date.UTC(2031, 0, 1); t += 7 * day) times.push(t);
    for (const [y, m, d] of [
      [1912, 6, 30],
      [1926, 11, 25],
      [1989, 0, 8],
      [2019, 4, 1],
    ]) {
      times.push(Date.UTC(y, m, d) - day, Date.UTC(y, m, d));
    }
    for (const t of times) {
      const iso = new Date(t).toISOString().slice(0, 10);
      expect(formatJapaneseDate(iso), iso).toBe(intl.format(t));
    }
  });
});
