// Rejoins sentences that PDF layout or hard-wrapped text files broke across lines.
// A line is joined to the next only when nothing suggests a deliberate break: it does not
// end a sentence, neither line is a heading, a list item or a table row, and the line
// runs (nearly) as wide as the widest line around it — a short line was ended on purpose.

import { headingLevel } from "./headings";

/** How wide, relative to the widest line of its paragraph, a line must be to have wrapped. */
const FULL_LINE_RATIO = 0.8;
/** Columns (full-width characters count 2) below which a line is too short to have wrapped. */
const MIN_WRAPPED_WIDTH = 30;

const SENTENCE_END = /[。．.！？!?」』）)】〕］\]：:…;；]$/u;
// Indent, bullets and notes, a table row, or list numbering such as 1. (1) ① ア 第1条.
const NEW_ITEM =
  /^(?:[ \t\u3000]|[・※→⇒\-*+|＊]|[0-9０-９]{1,2}[.．)）]|[(（][0-9０-９ア-ン一二三四五六七八九十]{1,2}[)）]|[①-⑳]|第[0-9０-９一二三四五六七八九十百]+[条章節款項]|[ア-ン][ \u3000])/u;
// Cells from a table: a tab, or two or more spaces between words.
const COLUMN_GAP = /\S(?:\t|[ \u3000]{2,})\S/u;
const LATIN_END = /[A-Za-z0-9,;]$/;
const LATIN_START = /^[A-Za-z0-9]/;

/** Joins broken lines; blank lines separate paragraphs and are never joined across. */
export function joinBrokenLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    out.push(...joinParagraph(paragraph));
    paragraph = [];
  };
  for (const line of lines) {
    if (line.trim() === "") {
      flush();
      out.push("");
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return out;
}

function joinParagraph(lines: readonly string[]): string[] {
  if (lines.length < 2) return [...lines];
  // reduce, not Math.max(...): a PDF without paragraph gaps can be one very long paragraph.
  const widest = lines.reduce((max, line) => Math.max(max, displayWidth(line)), 0);
  // Pieces are collected and joined once: appending to one growing string and testing
  // its end with a regex would copy it on every line.
  const joined: string[][] = [[lines[0]]];
  for (let i = 1; i < lines.length; i++) {
    if (continues(lines[i - 1], lines[i], widest)) {
      joined[joined.length - 1].push(separator(lines[i - 1], lines[i]), lines[i]);
    } else {
      joined.push([lines[i]]);
    }
  }
  return joined.map((pieces) => pieces.join(""));
}

function continues(line: string, next: string, widest: number): boolean {
  if (SENTENCE_END.test(line) || NEW_ITEM.test(next) || headingLevel(next) !== null) return false;
  if (COLUMN_GAP.test(line) || COLUMN_GAP.test(next)) return false;
  const width = displayWidth(line);
  if (width < MIN_WRAPPED_WIDTH || width < widest * FULL_LINE_RATIO) return false;
  // A numbered line can be a wrapped list item rather than a heading; only a line filling
  // a paragraph of real prose is treated as wrapped.
  return headingLevel(line) === null || (width >= widest * 0.9 && widest >= 40);
}

/** Japanese joins without a space; two Latin words keep one between them. */
function separator(line: string, next: string): string {
  return LATIN_END.test(line) && LATIN_START.test(next) ? " " : "";
}

/** Columns a line takes in a monospaced Japanese font: full-width characters count 2. */
export function displayWidth(line: string): number {
  let width = 0;
  for (const ch of line) {
    const code = ch.codePointAt(0) ?? 0;
    const halfWidthForm = (code >= 0xff61 && code <= 0xffdc) || (code >= 0xffe8 && code <= 0xffee);
    width += code >= 0x2460 && !halfWidthForm ? 2 : 1;
  }
  return width;
}
