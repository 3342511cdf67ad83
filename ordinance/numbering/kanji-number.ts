import { assertPositiveInteger } from "./range-error";

const DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"] as const;
const DIGIT_VALUES: Record<string, number> = {
  〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

// Myriad units, largest first; Number.MAX_SAFE_INTEGER (about 9千兆) stays below 1万兆.
const MYRIAD_UNITS: ReadonlyArray<readonly [string, number]> = [
  ["兆", 1e12],
  ["億", 1e8],
  ["万", 1e4],
];

/** Writes 1–9999 in legal style: 十, 百 and 千 stand without a leading 一. */
function formatGroup(group: number): string {
  const thousands = Math.floor(group / 1000);
  const hundreds = Math.floor((group % 1000) / 100);
  const tens = Math.floor((group % 100) / 10);
  const ones = group % 10;
  const unit = (digit: number, mark: string) => (digit === 0 ? "" : (digit === 1 ? "" : DIGITS[digit]) + mark);
  return unit(thousands, "千") + unit(hundreds, "百") + unit(tens, "十") + DIGITS[ones];
}

/**
 * 1 → 一, 10 → 十, 105 → 百五, 1234 → 千二百三十四, 10000 → 一万, 11000 → 一万千.
 * The legal style used in statute numbers (第千五十条); a myriad group of one keeps its
 * 一 (一万, 一億). Throws a RangeError for anything but a positive safe integer.
 */
export function toKanjiNumber(value: number): string {
  assertPositiveInteger(value, "漢数字にする数");
  let rest = value;
  let text = "";
  for (const [mark, size] of MYRIAD_UNITS) {
    const group = Math.floor(rest / size);
    if (group > 0) text += (group === 1 ? "一" : formatGroup(group)) + mark;
    rest %= size;
  }
  return rest > 0 ? text + formatGroup(rest) : text;
}

// One myriad group in legal style. 一千 is tolerated (amounts are sometimes written so);
// 一百 and 一十 are not, since no statute writes them.
const GROUP_PATTERN =
  /^(?:([一二三四五六七八九])?千)?(?:([二三四五六七八九])?百)?(?:([二三四五六七八九])?十)?([一二三四五六七八九])?$/;

function parseGroup(text: string): number | null {
  if (text === "") return null;
  const match = GROUP_PATTERN.exec(text);
  if (!match) return null;
  const [, thousands, hundreds, tens, ones] = match;
  const digit = (d: string | undefined, present: boolean) => (present ? (d ? DIGIT_VALUES[d] : 1) : 0);
  return (
    digit(thousands, text.includes("千")) * 1000 +
    digit(hundreds, text.includes("百")) * 100 +
    digit(tens, text.includes("十")) * 10 +
    (ones ? DIGIT_VALUES[ones] : 0)
  );
}

/** e-Gov writes dates and law numbers digit by digit (一六〇, 一二月); no leading 〇. */
function parseDigitByDigit(text: string): number | null {
  if (!/^[一二三四五六七八九][〇一二三四五六七八九]*$/.test(text)) return null;
  const value = Number(Array.from(text, (c) => DIGIT_VALUES[c]).join(""));
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * "二十三" → 23, "千二百三十四" → 1234, "一万" → 10000, and the digit-by-digit form
 * "二〇" → 20. Returns null for anything that is not a positive number written one of
 * these ways ("十十", "二〇十", "〇", "", "2").
 */
export function parseKanjiNumber(text: string): number | null {
  if (/^[〇一二三四五六七八九]+$/.test(text)) return parseDigitByDigit(text);
  let rest = text;
  let total = 0;
  for (const [mark, size] of MYRIAD_UNITS) {
    const at = rest.indexOf(mark);
    if (at === -1) continue;
    const group = parseGroup(rest.slice(0, at));
    if (group === null) return null;
    total += group * size;
    rest = rest.slice(at + 1);
  }
  if (rest !== "") {
    const group = parseGroup(rest);
    if (group === null) return null;
    total += group;
  }
  return total >= 1 && Number.isSafeInteger(total) ? total : null;
}
