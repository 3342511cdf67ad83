// PDF text extraction often yields radical code points (市⺠ for 市民, ⻄部 for 西部) and
// CJK compatibility ideographs where the document shows ordinary kanji. Both are folded
// here. Nothing else is normalised: stored text keeps full-width digits, kana and
// punctuation as written; wider folding belongs to the search pipeline.

// Straight from the module, not the search index: we need this one table, not the
// search pipeline's dictionaries that the index builds on import.
import { foldRadical } from "../search/text/radicals";

// Kangxi Radicals, CJK Radicals Supplement, CJK Compatibility Ideographs (and Supplement).
const FOLDABLE = /[\u2E80-\u2EFF\u2F00-\u2FDF\uF900-\uFAFF\u{2F800}-\u{2FA1F}]/gu;

/**
 * Radicals become the ideograph they depict (the search pipeline's table, then NFKC for
 * Kangxi Radicals and the two Supplement characters NFKC knows); compatibility
 * ideographs become their unified form by NFKC. Component-only radicals such as ⺅ stay.
 */
export function foldIdeographs(text: string): string {
  return text.replace(FOLDABLE, (ch) => {
    const folded = foldRadical(ch);
    return folded === ch ? ch.normalize("NFKC") : folded;
  });
}
