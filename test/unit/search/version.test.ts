import { describe, expect, it } from "vitest";
import { createDictionary, TOKENIZER_VERSION, tokenizerFingerprint } from "../../../search/text";

describe("tokenizerFingerprint", () => {
  it("names the pipeline version and the ICU version", () => {
    expect(tokenizerFingerprint()).toBe(`${TOKENIZER_VERSION};icu=${process.versions.icu}`);
  });

  it("changes when the dictionary changes, not when its order does", () => {
    const one = tokenizerFingerprint(createDictionary(["家族会", "研究会"]));
    expect(one).toMatch(/;dict=[0-9a-f]{8}$/u);
    expect(tokenizerFingerprint(createDictionary(["研究会", "家族会"]))).toBe(one);
    expect(tokenizerFingerprint(createDictionary(["家族会", "研究会", "分科会"]))).not.toBe(one);
  });
});
