import { formatCountedNumber, parseProvisionNumber, type ProvisionNumber } from "./provision-number";
import { DEFAULT_NUMBERING_STYLE, type NumberingStyle } from "./style";

/** The units numbered 第…X: 編, 章, 節, 款, 目 and 条 (e-Gov Part … Article). */
export type ProvisionUnit = "part" | "chapter" | "section" | "subsection" | "division" | "article";

export const UNIT_COUNTERS: Readonly<Record<ProvisionUnit, string>> = {
  part: "編",
  chapter: "章",
  section: "節",
  subsection: "款",
  division: "目",
  article: "条",
};

const UNIT_BY_COUNTER = new Map(
  (Object.entries(UNIT_COUNTERS) as Array<[ProvisionUnit, string]>).map(([unit, counter]) => [counter, unit]),
);

/** ("article", [2, 2]) → "第2条の2" or "第二条の二"; ("chapter", [4, 2]) → "第4章の2". */
export function formatUnitLabel(
  unit: ProvisionUnit,
  number: ProvisionNumber,
  style: NumberingStyle = DEFAULT_NUMBERING_STYLE,
): string {
  return formatCountedNumber(UNIT_COUNTERS[unit], number, style);
}

export interface ParsedUnitLabel {
  readonly unit: ProvisionUnit;
  readonly number: ProvisionNumber;
  readonly style: NumberingStyle;
}

const UNIT_LABEL_PATTERN = /^第([^第の]+)([編章節款目条])((?:の[^の]+)*)$/;

/** "第2条の2", "第二条の二", "第１２条の２", "第4章の2" → unit and number; null otherwise. */
export function parseUnitLabel(text: string): ParsedUnitLabel | null {
  const match = UNIT_LABEL_PATTERN.exec(text);
  if (!match) return null;
  const [, main, counter, branches] = match;
  const parsed = parseProvisionNumber(main + branches);
  const unit = UNIT_BY_COUNTER.get(counter);
  if (!parsed || !unit) return null;
  return { unit, number: parsed.number, style: parsed.style };
}
