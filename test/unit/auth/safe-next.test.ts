import { describe, expect, it } from "vitest";
import { safeNext } from "../../../app/lib/auth.server";

describe("post-login destination", () => {
  it.each([
    ["/knowledge?kind=plan", "/knowledge?kind=plan"],
    ["/", "/"],
    [null, "/"],
    ["", "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
  ])("%s → %s", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
