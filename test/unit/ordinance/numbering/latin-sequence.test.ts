import { describe, expect, it } from "vitest";
import {
  parseLatinLetter,
  parseRomanNumeral,
  toLatinLetter,
  toRomanNumeral,
} from "../../../../ordinance/numbering";

describe("toRomanNumeral / parseRomanNumeral", () => {
  it.each<[number, string]>([
    [1, "i"],
    [2, "ii"],
    [3, "iii"],
    [4, "iv"],
    [5, "v"],
    [9, "ix"],
    [10, "x"],
    [14, "xiv"],
    [40, "xl"],
    [49, "xlix"],
    [90, "xc"],
    [400, "cd"],
    [1994, "mcmxciv"],
    [3999, "mmmcmxcix"],
  ])("%i ⇄ %s", (value, text) => {
    expect(toRomanNumeral(value)).toBe(text);
    expect(parseRomanNumeral(text)).toBe(value);
  });

  it.each([0, -1, 4000])("rejects %i", (value) => {
    expect(() => toRomanNumeral(value)).toThrow(RangeError);
  });

  it.each(["", "iiii", "IV", "vv", "ic", "iix", "a", "ｉ"])("returns null for %j", (text) => {
    expect(parseRomanNumeral(text)).toBeNull();
  });
});

describe("toLatinLetter / parseLatinLetter", () => {
  it.each<[number, string]>([
    [1, "a"],
    [2, "b"],
    [26, "z"],
  ])("%i ⇄ %s", (index, text) => {
    expect(toLatinLetter(index)).toBe(text);
    expect(parseLatinLetter(text)).toBe(index);
  });

  it("refuses to go past z", () => {
    expect(() => toLatinLetter(27)).toThrow(RangeError);
    expect(() => toLatinLetter(0)).toThrow(RangeError);
  });

  it.each(["", "A", "ab", "1", "ア"])("returns null for %j", (text) => {
    expect(parseLatinLetter(text)).toBeNull();
  });
});
