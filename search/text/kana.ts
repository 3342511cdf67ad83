// Folds applied last, for matching only. Each replaces one UTF-16 unit by one, so the
// text before them (used for word boundaries, where katakana matters) and after them
// (what is indexed and matched) share every offset.

const KATAKANA_FIRST = 0x30a1; // ァ
const KATAKANA_LAST = 0x30f6; // ヶ
const KATAKANA_TO_HIRAGANA = 0x60;

// Small ヵ ヶ ゕ ゖ read か/が/こ; in 3ヶ月, 3ヵ月, 3か月, 3カ月 they are the same word.
const SMALL_KA_KE = new Set([0x30f5, 0x30f6, 0x3095, 0x3096]);
const HIRAGANA_KA = 0x304b;

const ITERATION_MARK = 0x3005; // 々
const HAN_BMP = /^\p{sc=Han}$/u;

/**
 * Katakana to hiragana (ヤングケアラー → やんぐけあらー), small ヵヶ to か, and 々 to the
 * kanji it repeats (老々介護 → 老老介護). ー is kept: it is part of both spellings.
 */
export function foldKanaForMatching(text: string): string {
  let out = "";
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let folded = code;
    if (SMALL_KA_KE.has(code)) {
      folded = HIRAGANA_KA;
    } else if (code >= KATAKANA_FIRST && code <= KATAKANA_LAST) {
      folded = code - KATAKANA_TO_HIRAGANA;
    } else if (code === 0x30fd || code === 0x30fe) {
      folded = code - KATAKANA_TO_HIRAGANA; // ヽヾ → ゝゞ
    } else if (code === ITERATION_MARK && i > 0) {
      // Only a BMP kanji can be copied without changing the length.
      const previous = out.charCodeAt(out.length - 1);
      if (HAN_BMP.test(String.fromCharCode(previous)) && previous !== ITERATION_MARK) folded = previous;
    }
    if (folded !== code) changed = true;
    out += String.fromCharCode(folded);
  }
  return changed ? out : text;
}
