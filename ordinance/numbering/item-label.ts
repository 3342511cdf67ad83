import { formatNumeral } from "./numeral";
import { parseProvisionNumber, type ProvisionNumber } from "./provision-number";
import { DEFAULT_NUMBERING_STYLE, type NumberingStyle } from "./style";

/**
 * The 号 label at the head of an item: "(1)", "(1)の2" (horizontal) or "一", "一の二"
 * (vertical). Horizontal uses half-width parentheses, as the house style sheet does.
 */
export function formatItemLabel(number: ProvisionNumber, style: NumberingStyle = DEFAULT_NUMBERING_STYLE): string {
  const [main, ...branches] = number;
  const branchText = branches.map((branch) => `の${formatNumeral(branch, style)}`).join("");
  const head = formatNumeral(main, style);
  return (style === "vertical" ? head : `(${head})`) + branchText;
}

export interface ParsedItemLabel {
  readonly number: ProvisionNumber;
  readonly style: NumberingStyle;
}

const HORIZONTAL_ITEM = /^[(（]([^()（）]+)[)）]((?:の[^の]+)*)$/;

/**
 * "(1)", "（１）の２" → horizontal; "一の二" → vertical. A parenthesised number must be Arabic
 * and a bare one kanji; anything else gives null.
 */
export function parseItemLabel(text: string): ParsedItemLabel | null {
  const match = HORIZONTAL_ITEM.exec(text);
  const parsed = parseProvisionNumber(match ? match[1] + match[2] : text);
  if (!parsed) return null;
  const expected: NumberingStyle = match ? "horizontal" : "vertical";
  return parsed.style === expected ? parsed : null;
}
