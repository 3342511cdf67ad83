import { describe, expect, it } from "vitest";
import {
  parseArabicNumber,
  toFullWidthAscii,
  toFullWidthDigits,
  toHalfWidthAscii,
} from "../../../../ordinance/numbering";

describe("toFullWidthDigits / parseArabicNumber", () => {
  it.each<[number, string]>([
    [1, "１"],
    [10, "１０"],
    [12, "１２"],
    [100, "１００"],
    [2024, "２０２４"],
  ])("%i ⇄ %s", (value, text) => {
    expect(toFullWidthDigits(value)).toBe(text);
    expect(parseArabicNumber(text)).toBe(value);
  });

  it("keeps what is not a digit when given a string", () => {
    expect(toFullWidthDigits("2の2")).toBe("２の２");
  });

  it("writes zero but rejects negative and fractional numbers", () => {
    expect(toFullWidthDigits(0)).toBe("０");
    expect(() => toFullWidthDigits(-1)).toThrow(RangeError);
    expect(() => toFullWidthDigits(1.5)).toThrow(RangeError);
  });

  it.each<[string, number]>([
    ["1", 1],
    ["12", 12],
    ["1２", 12],
    ["９９９", 999],
  ])("reads %s as %i", (text, value) => {
    expect(parseArabicNumber(text)).toBe(value);
  });

  it.each(["", "0", "０", "01", "-1", "1.5", "1 2", "十二", "12a", "9007199254740993"])(
    "returns null for %j",
    (text) => {
      expect(parseArabicNumber(text)).toBeNull();
    },
  );
});

describe("toFullWidthAscii / toHalfWidthAscii", () => {
  it("maps parentheses, digits and letters both ways and leaves kana alone", () => {
    expect(toFullWidthAscii("(1)(iv)ア")).toBe("（１）（ｉｖ）ア");
    expect(toHalfWidthAscii("（１）（ｉｖ）ア")).toBe("(1)(iv)ア");
  });
});
