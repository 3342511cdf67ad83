import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
  type IParagraphOptions,
} from "docx";
import type { ShinkyuCell, ShinkyuLine, ShinkyuTable } from "../compare/shinkyu";
import { DOCX_DEFAULT_FONT } from "./docx";

// The 新旧対照表 as a Word document: A4 landscape, the lead sentence above a two-column
// table whose header row repeats on every page, changed characters as real underlined runs,
// and rows kept whole on a page where they fit, so a provision is never read across a break.

export interface ShinkyuDocxMeta {
  /** Centred above the table, e.g. "鳥取県孤独・孤立対策推進条例の一部を改正する条例 新旧対照表". */
  readonly title?: string;
  /** Under the title, e.g. "第1次案と第2次案の対照". */
  readonly subtitle?: string;
}

const A4 = { width: 11906, height: 16838 }; // twips, portrait; docx turns it for landscape
const MARGIN = 850; // 15 mm, as the print view
const TEXT_WIDTH = A4.height - 2 * MARGIN;
const POINTS = 10.5;
// A full-width character is one em wide: the point size in twips (1 pt = 20 twips).
const CHAR_WIDTH = Math.round(POINTS * 20);
const HEADER_FILL = "E6E6E6";
const CELL_MARGINS = { top: 60, bottom: 60, left: 100, right: 100 };

/** The DOCX file's bytes (a zip), in Node and in the browser alike. */
export async function shinkyuToDocx(table: ShinkyuTable, meta: ShinkyuDocxMeta = {}): Promise<Uint8Array> {
  const font = DOCX_DEFAULT_FONT;
  const width = Math.floor(TEXT_WIDTH / 2);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map(
      (column) =>
        new TableCell({
          width: { size: width, type: WidthType.DXA },
          margins: CELL_MARGINS,
          shading: { type: ShadingType.CLEAR, color: "auto", fill: HEADER_FILL },
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(column.heading)] })],
        }),
    ),
  });
  const rows = table.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: table.columns.map(
          (column) => new TableCell({ width: { size: width, type: WidthType.DXA }, margins: CELL_MARGINS, children: cellParagraphs(row.cells[column.side]) }),
        ),
      }),
  );
  const document = new Document({
    title: meta.title ?? "新旧対照表",
    creator: "Kizuna",
    styles: {
      default: { document: { run: { font: { ascii: font, eastAsia: font, hAnsi: font, cs: font }, size: Math.round(POINTS * 2) } } },
    },
    sections: [
      {
        properties: {
          page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } },
        },
        children: [
          ...heading(meta),
          // A Japanese paragraph opens one character in.
          new Paragraph({ alignment: AlignmentType.BOTH, indent: { firstLine: CHAR_WIDTH }, spacing: { after: 160 }, children: [new TextRun(table.lead)] }),
          new Table({ width: { size: width * 2, type: WidthType.DXA }, columnWidths: [width, width], layout: TableLayoutType.FIXED, rows: [header, ...rows] }),
          ...(table.rows.length ? [] : [new Paragraph({ children: [new TextRun("改正前と改正後の間に違いはありません。")] })]),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}

function heading(meta: ShinkyuDocxMeta): Paragraph[] {
  const centred = (text: string, options: { bold?: boolean; size?: number }) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text, ...options })] });
  return [
    ...(meta.title ? [centred(meta.title, { bold: true, size: 28 })] : []),
    ...(meta.subtitle ? [centred(meta.subtitle, {})] : []),
  ];
}

/** One paragraph per printed line; a cell with nothing in it still needs one paragraph. */
function cellParagraphs(cell: ShinkyuCell): Paragraph[] {
  if (cell.length === 0) return [new Paragraph({})];
  return cell.map((line) => new Paragraph(lineOptions(line)));
}

/** Hanging indents instead of typed spaces, as docx.ts sets a provision. */
function lineOptions(line: ShinkyuLine): IParagraphOptions {
  const left = line.wrapIndent * CHAR_WIDTH;
  const offset = (line.indent - line.wrapIndent) * CHAR_WIDTH;
  const indent = offset > 0 ? { left, firstLine: offset } : offset < 0 ? { left, hanging: -offset } : left > 0 ? { left } : undefined;
  return {
    alignment: AlignmentType.BOTH,
    ...(indent ? { indent } : {}),
    children: line.runs.map((run) => new TextRun({ text: run.text, ...(run.underline ? { underline: { type: UnderlineType.SINGLE } } : {}) })),
  };
}
