import { parseNumeral } from "./numeral";
import {
  formatCountedNumber,
  parseProvisionNumber,
  type ProvisionNumber,
} from "./provision-number";
import { DEFAULT_NUMBERING_STYLE, type NumberingStyle } from "./style";
import { formatSubitemLabel, parseSubitemLabel } from "./subitem-label";

/**
 * Where a provision sits, the compact address that links, comments and search share.
 * { article: [3], paragraph: 2, item: [1] } is 第3条第2項第1号; subitems hold one index
 * per level, so [1, 2] under an item is ア(イ) horizontally and イ（２） vertically.
 */
export interface ProvisionPath {
  /** In the 附則 rather than the main provisions. */
  readonly supplementary?: boolean;
  readonly article?: ProvisionNumber;
  readonly paragraph?: number;
  readonly item?: ProvisionNumber;
  readonly subitems?: readonly number[];
}

function assertAddressable(path: ProvisionPath): void {
  if (!path.supplementary && path.article === undefined) {
    throw new RangeError("条を指定してください（附則の項を指す場合は supplementary を指定します）。");
  }
  if (path.subitems !== undefined && path.item === undefined) {
    throw new RangeError("号の細分を指す場合は号も指定してください。");
  }
}

/**
 * { article: [3], paragraph: 2, item: [1] } → "第3条第2項第1号" / "第三条第二項第一号".
 * A full address always names the paragraph when it goes deeper, so an item without a
 * paragraph is taken to be in the first one: { article: [3], item: [1] } → 第3条第1項第1号.
 */
export function formatAddress(path: ProvisionPath, style: NumberingStyle = DEFAULT_NUMBERING_STYLE): string {
  assertAddressable(path);
  let text = path.supplementary ? "附則" : "";
  if (path.article !== undefined) text += formatCountedNumber("条", path.article, style);
  const paragraph = path.paragraph ?? (path.item !== undefined ? 1 : undefined);
  if (paragraph !== undefined) text += formatCountedNumber("項", [paragraph], style);
  if (path.item !== undefined) text += formatCountedNumber("号", path.item, style);
  (path.subitems ?? []).forEach((index, at) => {
    text += formatSubitemLabel(at + 1, index, style);
  });
  return text;
}

const NUMERAL = "[0-9０-９〇一二三四五六七八九十百千万億兆]+";
const ADDRESS_PATTERN = new RegExp(
  `^(附則)?(?:第(${NUMERAL})条((?:の${NUMERAL})*))?(?:第(${NUMERAL})項)?(?:第(${NUMERAL})号((?:の${NUMERAL})*)(.*))?$`,
);
// One subitem label: a parenthesised group, or a single kana or letter.
const SUBITEM_TOKEN = /[(（][^()（）]*[)）]|[^()（）]/gu;

/**
 * Reads an address written in either style back into a path: "第12条の2第3項第1号",
 * "第十二条の二第三項第一号", "附則第2項", "第3条第1項第1号ア(イ)". The numerals decide
 * the style, and so the kana order of subitems (Arabic → アイウ, kanji → イロハ).
 * 第3条第1号, as a one-paragraph article is cited, reads as paragraph 1. Null for
 * anything that is not an absolute address, including 前条, 同項 and a bare 第2項.
 */
export function parseAddress(text: string): ProvisionPath | null {
  const match = ADDRESS_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, supplementary, articleMain, articleBranches, paragraphText, itemMain, itemBranches, tail] = match;
  if (!supplementary && articleMain === undefined) return null;

  const styles = new Set<NumberingStyle>();
  const path: { -readonly [K in keyof ProvisionPath]: ProvisionPath[K] } = {};
  if (supplementary) path.supplementary = true;
  if (articleMain !== undefined) {
    const article = parseProvisionNumber(articleMain + articleBranches);
    if (!article) return null;
    styles.add(article.style);
    path.article = article.number;
  }
  if (paragraphText !== undefined) {
    const paragraph = parseNumeral(paragraphText);
    if (!paragraph) return null;
    styles.add(paragraph.style);
    path.paragraph = paragraph.value;
  }
  if (itemMain !== undefined) {
    const item = parseProvisionNumber(itemMain + itemBranches);
    if (!item) return null;
    styles.add(item.style);
    path.paragraph ??= 1;
    path.item = item.number;
  }
  // A bare 附則 has no numerals; it has no subitems either, so its style never matters.
  if (styles.size > 1) return null;
  const [style = DEFAULT_NUMBERING_STYLE] = styles;

  if (tail) {
    const subitems = parseSubitemTail(tail, style);
    if (!subitems) return null;
    path.subitems = subitems;
  }
  return path;
}

function parseSubitemTail(tail: string, style: NumberingStyle): number[] | null {
  const tokens = tail.match(SUBITEM_TOKEN) ?? [];
  if (tokens.join("") !== tail) return null;
  const subitems: number[] = [];
  for (const [at, token] of tokens.entries()) {
    const index = parseSubitemLabel(token, at + 1, style);
    if (index === null) return null;
    subitems.push(index);
  }
  return subitems;
}
