import { describe, expect, it } from "vitest";
import { prng } from "../../../bench/corpus";
import { normalizeForSearch } from "../../../search/text";
import { foldKanaForMatching } from "../../../search/text/kana";
import { foldKanjiVariant } from "../../../search/text/kanji-variants";
import { collapseWhitespace, removeIgnorable, unifyLongVowel, unifyMiddleDot, unifyWaveDash } from "../../../search/text/punctuation";
import { foldRadical } from "../../../search/text/radicals";

// normalizeForSearch runs NFKC and the character folds as one remembered step per code point
// and the neighbour-aware passes in one loop. This oracle runs each pass over the whole text,
// the way the passes are specified, and the two must agree on text and on every offset.

const PIECE = /[\p{M}\uFF9E\uFF9F\u309B\u309C]+|[^][\p{M}\uFF9E\uFF9F\u309B\u309C]*/gu;
type Mapped = { ch: string; start: number; end: number }[];

function byPasses(source: string) {
  let mapped: Mapped = [];
  for (const m of source.matchAll(PIECE)) {
    const nfkc = m[0].replace(/\u309B/g, "\u3099").replace(/\u309C/g, "\u309A").normalize("NFKC");
    for (const ch of nfkc) mapped.push({ ch, start: m.index, end: m.index + m[0].length });
  }
  const folds = [removeIgnorable, foldRadical, foldKanjiVariant, (c: string) => c.toLowerCase(), unifyWaveDash, unifyMiddleDot];
  const pass = (input: Mapped, step: (ch: string, prev: string | undefined, next: string | undefined) => string): Mapped => {
    const out: Mapped = [];
    input.forEach((c, i) => {
      for (const ch of step(c.ch, out[out.length - 1]?.ch, input[i + 1]?.ch)) out.push({ ch, start: c.start, end: c.end });
    });
    return out;
  };
  mapped = pass(mapped, (ch) => folds.reduce((text, fold) => Array.from(text, fold).join(""), ch));
  mapped = pass(mapped, unifyLongVowel);
  mapped = pass(mapped, collapseWhitespace);
  while (mapped[mapped.length - 1]?.ch === " ") mapped.pop();
  const map: number[] = [];
  const mapEnd: number[] = [];
  for (const c of mapped) for (let k = 0; k < c.ch.length; k++) (map.push(c.start), mapEnd.push(c.end));
  return { text: foldKanaForMatching(mapped.map((c) => c.ch).join("")), map, mapEnd };
}

// Characters each fold, mark rule or neighbour rule applies to, and plain ones around them.
const ALPHABET = [
  ..."県民支援ケアラーかはﾊﾟﾌﾞｶﾞｰ-‐―─－~〜～・･·•　 \t\n",
  ..."゛゜\u3099\u309A\u0301ﾞﾟ", // marks, attached or alone
  ..."⺠⻱國髙﨑邊㍻①８０ＡＢİ\u200B\uFE0F", // radicals, variants, NFKC expansions, case, ignorables
  "\u{20BB7}", "\u{E0100}", "\uD800", // outside the BMP, an IVS, a lone surrogate
  ..."々ヵヶヽ。、",
];

describe("normalizeForSearch in one pass", () => {
  it("agrees with the passes run one after another, on text and offsets", () => {
    const random = prng(7);
    for (let round = 0; round < 3000; round++) {
      let text = "";
      const length = 1 + Math.floor(random() * 24);
      for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
      const expected = byPasses(text);
      const actual = normalizeForSearch(text);
      expect({ text: actual.text, map: [...actual.map], mapEnd: [...actual.mapEnd] }, JSON.stringify(text)).toEqual(expected);
    }
  });
});
