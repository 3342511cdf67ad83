import { AlignmentType, Document, Packer, Paragraph, TextRun, type IParagraphOptions } from "docx";
import type { Node } from "prosemirror-model";
import type { NumberingStyle } from "../numbering";
import { printedLines, type PrintedLine } from "./layout";

// A draft as a Word document, laid out as layout.ts prints it: A4, 明朝, the title centred,
// captions kept with their article, and hanging indents instead of typed spaces, so a long
// article wraps under its own text the way the 例規集 sets it.

/**
 * Word stores one font name per script and substitutes when it is missing; ＭＳ 明朝 ships
 * with every Japanese Windows, 游明朝 with Windows 8.1 and later and with Office for Mac.
 */
export const DOCX_DEFAULT_FONT = "ＭＳ 明朝";
export const DOCX_FALLBACK_FONT = "游明朝";

export interface DocxMeta {
  /** Printed right-aligned in parentheses under the title, e.g. "令和5年鳥取県条例第10号". */
  readonly lawNum?: string;
  /** Document properties. */
  readonly creator?: string;
  readonly description?: string;
  /** Overrides the 明朝 face, e.g. DOCX_FALLBACK_FONT. */
  readonly font?: string;
  /** Point size; 10.5 pt, the Japanese office default, unless given. */
  readonly fontSize?: number;
}

const A4 = { width: 11906, height: 16838 }; // twips
const MARGIN = 1701; // 30 mm on every side, as official documents are set

/** The DOCX file's bytes (a zip), in Node and in the browser alike. */
export async function docToDocx(doc: Node, style: NumberingStyle, meta: DocxMeta = {}): Promise<Uint8Array> {
  const font = meta.font ?? DOCX_DEFAULT_FONT;
  const points = meta.fontSize ?? 10.5;
  // A full-width character is one em wide: the point size in twips (1 pt = 20 twips).
  const charWidth = Math.round(points * 20);
  const lines = printedLines(doc, style);
  const paragraphs: Paragraph[] = [];
  for (const [i, line] of lines.entries()) {
    paragraphs.push(new Paragraph(paragraphOptions(line, lines[i + 1], charWidth)));
    if (line.role === "title" && meta.lawNum) {
      paragraphs.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(`（${meta.lawNum}）`)] }));
    }
  }
  const title = doc.firstChild?.textContent ?? "";
  const document = new Document({
    title,
    ...(meta.creator ? { creator: meta.creator } : {}),
    ...(meta.description ? { description: meta.description } : {}),
    styles: {
      default: {
        document: {
          run: { font: { ascii: font, eastAsia: font, hAnsi: font, cs: font }, size: Math.round(points * 2) },
        },
      },
    },
    sections: [
      {
        properties: {
          page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } },
        },
        children: paragraphs,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}

function paragraphOptions(line: PrintedLine, next: PrintedLine | undefined, charWidth: number): IParagraphOptions {
  const children = line.text === "" ? [] : [new TextRun(line.text)];
  if (line.role === "title") return { alignment: AlignmentType.CENTER, children };
  const left = line.wrapIndent * charWidth;
  const offset = (line.indent - line.wrapIndent) * charWidth;
  const indent =
    offset > 0
      ? { left, firstLine: offset }
      : offset < 0
      ? { left, hanging: -offset }
      : left > 0
      ? { left }
      : undefined;
  return {
    children,
    alignment: AlignmentType.BOTH,
    ...(indent ? { indent } : {}),
    // A caption or a chapter heading never ends a page apart from what it heads.
    ...((line.role === "caption" || line.role === "container" || line.role === "supplLabel") && next
      ? { keepNext: true }
      : {}),
  };
}
