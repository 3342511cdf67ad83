import { describe, expect, it } from "vitest";
import {
  compareProvisionNumbers,
  formatProvisionNumber,
  isProvisionNumber,
  parseNumAttribute,
  parseProvisionNumber,
  provisionNumbersEqual,
  toNumAttribute,
  type ProvisionNumber,
} from "../../../../ordinance/numbering";

describe("e-Gov Num attribute", () => {
  it.each<[ProvisionNumber, string]>([
    [[1], "1"],
    [[2, 2], "2_2"],
    [[36, 3], "36_3"],
    [[2, 2, 3], "2_2_3"],
    [[120], "120"],
  ])("%j ⇄ %s", (number, text) => {
    expect(toNumAttribute(number)).toBe(text);
    expect(parseNumAttribute(text)).toEqual(number);
  });

  it.each(["", "0", "2_0", "02", "2__2", "_2", "2_", "1:25", "2-2", "２", "a"])("returns null for %j", (text) => {
    expect(parseNumAttribute(text)).toBeNull();
  });

  // Each case is wrapped once more because it.each spreads an array row into arguments.
  it.each<[ProvisionNumber]>([[[]], [[0]], [[2, 0]], [[-1]], [[1.5]]])("refuses to write %j", (number) => {
    expect(() => toNumAttribute(number)).toThrow(RangeError);
  });
});

describe("formatProvisionNumber / parseProvisionNumber", () => {
  it.each<[ProvisionNumber, string, string]>([
    [[2], "2", "二"],
    [[2, 2], "2の2", "二の二"],
    [[2, 2, 3], "2の2の3", "二の二の三"],
    [[12, 10], "12の10", "十二の十"],
  ])("%j ⇄ %s / %s", (number, horizontal, vertical) => {
    expect(formatProvisionNumber(number, "horizontal")).toBe(horizontal);
    expect(formatProvisionNumber(number, "vertical")).toBe(vertical);
    expect(parseProvisionNumber(horizontal)).toEqual({ number, style: "horizontal" });
    expect(parseProvisionNumber(vertical)).toEqual({ number, style: "vertical" });
  });

  it("reads full-width digits as horizontal", () => {
    expect(parseProvisionNumber("１２の２")).toEqual({ number: [12, 2], style: "horizontal" });
  });

  it.each(["", "の", "2の", "の2", "2の二", "二の2", "2のの2", "0", "2の0", "第2"])("returns null for %j", (text) => {
    expect(parseProvisionNumber(text)).toBeNull();
  });
});

describe("compareProvisionNumbers", () => {
  it("orders 2 < 2の2 < 2の2の1 < 2の3 < 2の10 < 3 < 10", () => {
    const shuffled: ProvisionNumber[] = [[10], [2, 10], [3], [2, 2, 1], [2], [2, 3], [2, 2]];
    expect([...shuffled].sort(compareProvisionNumbers)).toEqual([[2], [2, 2], [2, 2, 1], [2, 3], [2, 10], [3], [10]]);
  });

  it("returns a sign and treats equal numbers as equal", () => {
    expect(compareProvisionNumbers([2], [2, 2])).toBe(-1);
    expect(compareProvisionNumbers([2, 10], [2, 2])).toBe(1);
    expect(compareProvisionNumbers([2, 2], [2, 2])).toBe(0);
    expect(provisionNumbersEqual([2, 2], [2, 2])).toBe(true);
    expect(provisionNumbersEqual([2], [2, 2])).toBe(false);
  });
});

describe("isProvisionNumber", () => {
  it("accepts non-empty lists of positive integers only", () => {
    expect(isProvisionNumber([2, 2])).toBe(true);
    expect(isProvisionNumber([])).toBe(false);
    expect(isProvisionNumber([0])).toBe(false);
    expect(isProvisionNumber([2, 1.5])).toBe(false);
    expect(isProvisionNumber(["2"])).toBe(false);
    expect(isProvisionNumber(2)).toBe(false);
  });
});
