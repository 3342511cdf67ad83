import { assertPositiveInteger, outOfSequence } from "./range-error";

/** Which kana order labels subitems: 五十音 (ア, イ, ウ …) or いろは (イ, ロ, ハ …). */
export type KanaOrder = "gojuon" | "iroha";

/**
 * Prefectural horizontal style: the modern 五十音 rows ア to ワ, 44 labels. ヰ, ヱ and ヲ
 * are obsolete or particles and ン starts no syllable, so drafting never uses them.
 */
export const GOJUON_SEQUENCE: readonly string[] = Array.from(
  "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ",
);

/**
 * National vertical style: the いろは poem, 47 labels ending in ス, as e-Gov texts use it
 * (ヰ, ヲ and ヱ included). The trailing ン some tools append is not part of the poem.
 */
export const IROHA_SEQUENCE: readonly string[] = Array.from(
  "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス",
);

const SEQUENCES: Record<KanaOrder, readonly string[]> = {
  gojuon: GOJUON_SEQUENCE,
  iroha: IROHA_SEQUENCE,
};

const ORDER_NAMES: Record<KanaOrder, string> = { gojuon: "アイウ順の記号", iroha: "イロハ順の記号" };

/**
 * 1 → ア (gojuon) or イ (iroha). Past the end (45 in gojuon, 48 in iroha) it throws a
 * RangeError instead of inventing labels such as アア: no statute runs that far, and the
 * drafting answer is to restructure the provision.
 */
export function toKanaLabel(index: number, order: KanaOrder): string {
  assertPositiveInteger(index, ORDER_NAMES[order]);
  const sequence = SEQUENCES[order];
  const label = sequence[index - 1];
  if (label === undefined) throw outOfSequence(ORDER_NAMES[order], sequence.length, index);
  return label;
}

/** ア → 1 (gojuon), ロ → 2 (iroha); null for anything not in that sequence. */
export function parseKanaLabel(label: string, order: KanaOrder): number | null {
  const at = SEQUENCES[order].indexOf(label);
  return at === -1 ? null : at + 1;
}
