// Rebuilds lines from pdf.js text items. A PDF has no lines, only strings drawn at
// positions: items on the same baseline form one line, a jump downwards starts the next,
// and a wide vertical gap marks a paragraph break.

/** One text item in page coordinates: y grows downwards, all lengths in points. */
export interface PositionedText {
  str: string;
  x: number;
  y: number;
  width: number;
  /** Font size, the height of one full-width character. */
  size: number;
}

export interface PageLine {
  text: string;
  y: number;
  size: number;
}

/** Baselines closer than this share a line; subscripts and ruby stay with their text. */
const SAME_LINE = 0.5;
/** Horizontal gaps, in font sizes: a word space, and a table column. */
const WORD_GAP = 0.25;
const COLUMN_GAP = 2;
/** A vertical step larger than this many font sizes is a paragraph break. */
const PARAGRAPH_GAP = 2;

export function buildLines(items: readonly PositionedText[]): PageLine[] {
  const visible = items.filter((item) => item.str.trim() !== "" && Number.isFinite(item.y));
  const sorted = [...visible].sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: PositionedText[][] = [];
  for (const item of sorted) {
    const group = groups[groups.length - 1];
    const first = group?.[0];
    if (first && Math.abs(item.y - first.y) <= Math.max(item.size, first.size) * SAME_LINE) {
      group.push(item);
    } else {
      groups.push([item]);
    }
  }
  return groups.map(toLine).filter((line) => line.text !== "");
}

function toLine(group: PositionedText[]): PageLine {
  const items = [...group].sort((a, b) => a.x - b.x);
  let text = "";
  let end = -Infinity;
  for (const item of items) {
    const gap = item.x - end;
    if (text !== "" && gap > item.size * COLUMN_GAP) text = text.trimEnd() + "\t";
    else if (text !== "" && gap > item.size * WORD_GAP && !/\s$/.test(text)) text += " ";
    text += text.endsWith("\t") ? item.str.trimStart() : item.str;
    end = Math.max(end, item.x + item.width);
  }
  const size = items.reduce((max, item) => Math.max(max, item.size), 0);
  return { text: text.trim(), y: items[0].y, size };
}

/** The page's text, with a blank line wherever the vertical gap says a paragraph ends. */
export function pageText(lines: readonly PageLine[]): string {
  const out: string[] = [];
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (previous && line.y - previous.y > Math.max(line.size, previous.size) * PARAGRAPH_GAP) out.push("");
    out.push(line.text);
  });
  return out.join("\n");
}
