// Numbering helpers for Japanese legislative drafting: numerals, kana sequences, branch
// numbers, labels and addresses, in the prefectural horizontal and national vertical styles.
export { DEFAULT_NUMBERING_STYLE, type NumberingStyle } from "./style";
export { parseArabicNumber, toFullWidthAscii, toFullWidthDigits, toHalfWidthAscii } from "./width";
export { parseKanjiNumber, toKanjiNumber } from "./kanji-number";
export { formatNumeral, parseNumeral, type ParsedNumeral } from "./numeral";
export { GOJUON_SEQUENCE, IROHA_SEQUENCE, parseKanaLabel, toKanaLabel, type KanaOrder } from "./kana-sequence";
export { parseLatinLetter, parseRomanNumeral, toLatinLetter, toRomanNumeral } from "./latin-sequence";
export {
  compareProvisionNumbers,
  formatProvisionNumber,
  isProvisionNumber,
  parseNumAttribute,
  parseProvisionNumber,
  provisionNumbersEqual,
  toNumAttribute,
  type ParsedProvisionNumber,
  type ProvisionNumber,
} from "./provision-number";
export { formatUnitLabel, parseUnitLabel, UNIT_COUNTERS, type ParsedUnitLabel, type ProvisionUnit } from "./unit-label";
export { formatParagraphLabel, parseParagraphLabel, type ParagraphLabelOptions } from "./paragraph-label";
export { formatItemLabel, parseItemLabel, type ParsedItemLabel } from "./item-label";
export { formatSubitemLabel, MAX_SUBITEM_LEVEL, parseSubitemLabel } from "./subitem-label";
export { formatAddress, parseAddress, type ProvisionPath } from "./address";
