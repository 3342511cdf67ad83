import { parseKanaLabel, toKanaLabel } from "./kana-sequence";
import { parseLatinLetter, parseRomanNumeral, toLatinLetter, toRomanNumeral } from "./latin-sequence";
import { assertPositiveInteger } from "./range-error";
import { DEFAULT_NUMBERING_STYLE, type NumberingStyle } from "./style";
import { parseArabicNumber, toFullWidthAscii, toHalfWidthAscii } from "./width";

/** How one level of 号の細分 writes its labels, both ways. */
interface SubitemLevel {
  readonly format: (index: number) => string;
  /** Receives the label with full-width ASCII already folded to half-width. */
  readonly parse: (label: string) => number | null;
}

const inParentheses = (inner: SubitemLevel, fullWidth: boolean): SubitemLevel => ({
  format: (index) => (fullWidth ? toFullWidthAscii(`(${inner.format(index)})`) : `(${inner.format(index)})`),
  parse: (label) => {
    const match = /^\((.+)\)$/.exec(label);
    return match ? inner.parse(match[1]) : null;
  },
});

const gojuon: SubitemLevel = { format: (i) => toKanaLabel(i, "gojuon"), parse: (l) => parseKanaLabel(l, "gojuon") };
const iroha: SubitemLevel = { format: (i) => toKanaLabel(i, "iroha"), parse: (l) => parseKanaLabel(l, "iroha") };
const letter: SubitemLevel = { format: toLatinLetter, parse: parseLatinLetter };
const digits: SubitemLevel = { format: String, parse: parseArabicNumber };
const roman: SubitemLevel = { format: toRomanNumeral, parse: parseRomanNumeral };

/**
 * Horizontal follows the prefectural 公用文 ladder below (1): ア, (ア), a, (a).
 * Vertical follows e-Gov's Subitem1–3 titles: イ, （１）, （ｉ）. Deeper levels are refused:
 * neither style has a settled label for them.
 */
const LEVELS: Record<NumberingStyle, readonly SubitemLevel[]> = {
  horizontal: [gojuon, inParentheses(gojuon, false), letter, inParentheses(letter, false)],
  vertical: [iroha, inParentheses(digits, true), inParentheses(roman, true)],
};

export const MAX_SUBITEM_LEVEL: Readonly<Record<NumberingStyle, number>> = {
  horizontal: LEVELS.horizontal.length,
  vertical: LEVELS.vertical.length,
};

function levelOf(level: number, style: NumberingStyle): SubitemLevel {
  assertPositiveInteger(level, "号の細分の階層");
  const found = LEVELS[style][level - 1];
  if (!found) {
    throw new RangeError(
      `号の細分は${MAX_SUBITEM_LEVEL[style]}階層までです（指定された階層: ${level}）。規定の構成を見直してください。`,
    );
  }
  return found;
}

/** (level 1, index 2) → "イ" horizontal / "ロ" vertical; (2, 1) → "(ア)" / "（１）". */
export function formatSubitemLabel(
  level: number,
  index: number,
  style: NumberingStyle = DEFAULT_NUMBERING_STYLE,
): string {
  const found = levelOf(level, style);
  assertPositiveInteger(index, "号の細分の番号");
  return found.format(index);
}

/**
 * The index of a subitem label at a known level; parentheses, digits and letters may be
 * of either width. Null when the label does not belong to that level and style.
 */
export function parseSubitemLabel(
  text: string,
  level: number,
  style: NumberingStyle = DEFAULT_NUMBERING_STYLE,
): number | null {
  if (!Number.isSafeInteger(level) || level < 1 || level > MAX_SUBITEM_LEVEL[style]) return null;
  return LEVELS[style][level - 1].parse(toHalfWidthAscii(text));
}
