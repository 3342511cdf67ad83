import {
  MAX_SUBITEM_LEVEL,
  parseArabicNumber,
  parseItemLabel,
  parseProvisionNumber,
  parseSubitemLabel,
  type NumberingStyle,
  type ProvisionNumber,
} from "../numbering";

// One line of printed ordinance text, told apart by its head: 第1章, （目的）, 第1条, 2, (1),
// ア, 附　則. Shared by the plain-text reader and the paste handler, so both read alike.

export type ContainerUnit = "chapter" | "section" | "subsection";

export type Line =
  | { readonly kind: "blank" }
  | { readonly kind: "toc" }
  | {
      readonly kind: "container";
      readonly unit: ContainerUnit;
      readonly number: ProvisionNumber;
      readonly heading: string;
      readonly range: boolean;
    }
  | { readonly kind: "caption"; readonly text: string }
  | { readonly kind: "article"; readonly number: ProvisionNumber; readonly text: string }
  | { readonly kind: "paragraph"; readonly number: number; readonly text: string }
  | { readonly kind: "item"; readonly number: ProvisionNumber; readonly text: string }
  | { readonly kind: "subitem"; readonly level: number; readonly index: number; readonly text: string }
  | {
      readonly kind: "supplProvision";
      readonly label: string;
      readonly amendLawNum?: string;
      readonly extract: boolean;
    }
  | { readonly kind: "text"; readonly text: string };

const UNITS: Readonly<Record<string, ContainerUnit>> = { 章: "chapter", 節: "section", 款: "subsection" };

// JavaScript's \s includes the ideographic space (U+3000) that separates a label from its text.
const CONTAINER = /^第(\S+?)([章節款])((?:の\S+?)*)(?:\s+(.*))?$/;
const ARTICLE = /^第(\S+?)条((?:の\S+?)*)(?:\s+(.*))?$/;
const PARAGRAPH = /^([0-9０-９]+)(?:\s+(.*))?$/;
const HORIZONTAL_ITEM = /^([(（][0-9０-９]+[)）](?:の[0-9０-９]+)*)(?:\s+(.*))?$/;
const VERTICAL_ITEM = /^([一二三四五六七八九十百千]+(?:の[一二三四五六七八九十百千]+)*)\s+(.*)$/;
const SUPPL = /^附\s*則(?:\s*[（(](.+?)[）)])?(\s*抄)?$/;
const CAPTION = /^[（(]([^（）()]+)[）)]$/;
const RANGE = /（第[^（）]*条[^（）]*）$/;
const LABEL_AND_TEXT = /^(\S+?)(?:\s+(.*))?$/;

/** Reads one line; `style` decides between (1) as an item (横書き) and （１） as a subitem (縦書き). */
export function classifyLine(raw: string, style: NumberingStyle): Line {
  const line = raw.trim();
  if (line === "") return { kind: "blank" };
  if (/^目\s*次$/.test(line)) return { kind: "toc" };
  const suppl = SUPPL.exec(line);
  if (suppl) {
    const label = line.startsWith("附　則") ? "附　則" : "附則";
    return { kind: "supplProvision", label, ...(suppl[1] ? { amendLawNum: suppl[1] } : {}), extract: !!suppl[2] };
  }
  const container = CONTAINER.exec(line);
  if (container) {
    const number = parseProvisionNumber(container[1] + container[3]);
    const heading = container[4] ?? "";
    if (number) {
      return {
        kind: "container",
        unit: UNITS[container[2]],
        number: number.number,
        heading: heading.replace(RANGE, ""),
        range: RANGE.test(heading),
      };
    }
  }
  const article = ARTICLE.exec(line);
  const articleNumber = article && parseProvisionNumber(article[1] + article[2]);
  if (article && articleNumber) return { kind: "article", number: articleNumber.number, text: article[3] ?? "" };
  const paragraph = PARAGRAPH.exec(line);
  if (paragraph) return { kind: "paragraph", number: parseArabicNumber(paragraph[1]) ?? 1, text: paragraph[2] ?? "" };
  const enumerated = enumeratedLine(line, style);
  if (enumerated) return enumerated;
  const caption = CAPTION.exec(line);
  if (caption) return { kind: "caption", text: caption[1] };
  return { kind: "text", text: line };
}

function enumeratedLine(line: string, style: NumberingStyle): Line | null {
  const item = (style === "horizontal" ? HORIZONTAL_ITEM : VERTICAL_ITEM).exec(line);
  const parsedItem = item && parseItemLabel(item[1]);
  if (item && parsedItem?.style === style) return { kind: "item", number: parsedItem.number, text: item[2] ?? "" };
  const match = LABEL_AND_TEXT.exec(line);
  if (!match || match[2] === undefined) return null;
  for (let level = 1; level <= MAX_SUBITEM_LEVEL[style]; level++) {
    const index = parseSubitemLabel(match[1], level, style);
    if (index !== null) return { kind: "subitem", level, index, text: match[2] };
  }
  return null;
}

/** The style a printed text is numbered in, from its first article or item label; 横書き when unknown. */
export function detectStyle(lines: readonly string[]): NumberingStyle {
  for (const raw of lines) {
    const article = ARTICLE.exec(raw.trim());
    const number = article && parseProvisionNumber(article[1] + article[2]);
    if (number) return number.style;
  }
  return "horizontal";
}

const OPENING = "「『（(［[｛{〔";
const CLOSING = "」』）)］]｝}〕";

/**
 * Splits running text after each 。 that is not inside brackets (「…。」 stays whole). A
 * sentence starting ただし is a proviso (ただし書), unless it is the first.
 */
export function splitSentences(text: string): Array<{ text: string; function: "main" | "proviso" }> {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (OPENING.includes(ch)) depth++;
    else if (CLOSING.includes(ch)) depth = Math.max(0, depth - 1);
    else if (ch === "。" && depth === 0) {
      parts.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length || parts.length === 0) parts.push(text.slice(start));
  return parts
    .filter((part, i) => part !== "" || i === 0)
    .map((part, i) => ({ text: part, function: i > 0 && /^ただし[、，,]/.test(part) ? "proviso" : "main" }));
}

/**
 * A definition item prints its term and definition as two columns parted by a full-width
 * space ("(1)　用語　定義"); the first such space outside brackets splits them.
 */
export function splitColumns(text: string): string[] {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (OPENING.includes(ch)) depth++;
    else if (CLOSING.includes(ch)) depth = Math.max(0, depth - 1);
    else if (ch === "　" && depth === 0 && i > 0 && i < text.length - 1) return [text.slice(0, i), text.slice(i + 1)];
  }
  return [text];
}
