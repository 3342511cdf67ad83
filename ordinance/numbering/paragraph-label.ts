import { assertPositiveInteger } from "./range-error";
import { DEFAULT_NUMBERING_STYLE, type NumberingStyle } from "./style";
import { parseArabicNumber, toFullWidthDigits } from "./width";

export interface ParagraphLabelOptions {
  /**
   * Label the first paragraph too ("1" / "１"). Supplementary provisions made only of
   * paragraphs number every one of them, as e-Gov texts show.
   */
  readonly labelFirst?: boolean;
}

/**
 * The 項 number printed at the head of a paragraph: none for the first, then "2", "3"
 * (horizontal, half-width) or "２", "３" (vertical, full-width).
 */
export function formatParagraphLabel(
  index: number,
  style: NumberingStyle = DEFAULT_NUMBERING_STYLE,
  options: ParagraphLabelOptions = {},
): string {
  assertPositiveInteger(index, "項の番号");
  if (index === 1 && !options.labelFirst) return "";
  return style === "vertical" ? toFullWidthDigits(index) : String(index);
}

/**
 * "2" or "２" → 2, and "" → 1 because the first paragraph carries no label. Kanji and
 * anything else give null: paragraph labels are always Arabic digits.
 */
export function parseParagraphLabel(text: string): number | null {
  return text === "" ? 1 : parseArabicNumber(text);
}
