// Radical code points that stand in for whole ideographs. PDF text extraction often yields
// them (社⻑ for 社長, ⺠間 for 民間). NFKC folds all of Kangxi Radicals (U+2F00–U+2FD5) and
// two Supplement characters (⺟ U+2E9F, ⻳ U+2EF3); the rest of CJK Radicals Supplement
// (U+2E80–U+2EF3) has no decomposition, hence this table.
//
// Only radicals whose glyph is a complete Japanese ideograph are listed. Targets follow
// Unicode's EquivalentUnifiedIdeograph.txt, except ⻆ (see below). Left out on purpose:
// component shapes (⺅ 亻, ⺡ 氵, ⺾ 艹, ⺫ 罒 — not 目, ⺯ 糹 — not 糸 ...), which never
// stand alone in words, and C-simplified forms (⻅ 见, ⻓ 长 ...), which would produce
// Chinese simplified characters that Japanese text never contains.

export const RADICAL_SUPPLEMENT_FOLDS: ReadonlyMap<string, string> = new Map([
  ["\u2EA0", "民"], // ⺠ CJK RADICAL CIVILIAN
  ["\u2EC1", "虎"], // ⻁ CJK RADICAL TIGER
  ["\u2EC4", "西"], // ⻄ CJK RADICAL WEST TWO
  // Not in EquivalentUnifiedIdeograph.txt; the glyph is the Japanese form of 角.
  ["\u2EC6", "角"], // ⻆ CJK RADICAL SIMPLIFIED HORN
  ["\u2ED1", "長"], // ⻑ CJK RADICAL LONG ONE
  ["\u2ED8", "青"], // ⻘ CJK RADICAL BLUE
  ["\u2EDD", "食"], // ⻝ CJK RADICAL EAT ONE
  ["\u2EE3", "骨"], // ⻣ CJK RADICAL BONE
  ["\u2EE4", "鬼"], // ⻤ CJK RADICAL GHOST
  ["\u2EE8", "麦"], // ⻨ CJK RADICAL SIMPLIFIED WHEAT
  ["\u2EE9", "黄"], // ⻩ CJK RADICAL SIMPLIFIED YELLOW
  ["\u2EEB", "斉"], // ⻫ CJK RADICAL J-SIMPLIFIED EVEN
  ["\u2EED", "歯"], // ⻭ CJK RADICAL J-SIMPLIFIED TOOTH
  ["\u2EEF", "竜"], // ⻯ CJK RADICAL J-SIMPLIFIED DRAGON
  ["\u2EF1", "龜"], // ⻱ CJK RADICAL TURTLE (then folded to 亀 by the variant table)
  ["\u2EF2", "亀"], // ⻲ CJK RADICAL J-SIMPLIFIED TURTLE
]);

export function foldRadical(ch: string): string {
  return RADICAL_SUPPLEMENT_FOLDS.get(ch) ?? ch;
}
