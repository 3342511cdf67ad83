import { formatJapaneseDate } from "../search/wareki";
import type { ResponseExportFormat } from "./response-formats";
import { jstDate, RESPONSE_COLUMNS, type ResponseRow, type ResponseTable } from "./response-table";

// The 意見対応表 as the files prefecture staff open: CSV for any tool, XLSX for Excel and
// DOCX for Word, each set up to print on A4 landscape with the header on every page.

export { isResponseExportFormat, RESPONSE_EXPORT_FORMATS, type ResponseExportFormat } from "./response-formats";

export interface ResponseExportFile {
  fileName: string;
  mediaType: string;
  body: Uint8Array;
}

const MEDIA_TYPES: Record<ResponseExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

export async function exportResponseTable(table: ResponseTable, format: ResponseExportFormat): Promise<ResponseExportFile> {
  const body =
    format === "csv" ? new TextEncoder().encode(responseTableCsv(table)) : format === "xlsx" ? await responseTableXlsx(table) : await responseTableDocx(table);
  return { fileName: `iken-taiou-${table.draftId}.${format}`, mediaType: MEDIA_TYPES[format], body };
}

/** The heading every format prints: the draft's title, then 意見対応表. */
export function responseTableTitle(table: ResponseTable): string {
  return `${table.draftTitle}　意見対応表`;
}

/** The line under the heading: which comments, how names are shown, how many, and when. */
export function responseTableNote(table: ResponseTable, now = new Date()): string {
  const made = formatJapaneseDate(jstDate(now)) ?? jstDate(now);
  return [
    table.versionLabel,
    table.periodLabel ?? (table.versionLabel ? null : "すべての意見"),
    `${table.rows.length}件`,
    table.anonymised ? "提出者は匿名で表示しています" : null,
    `${made}作成`,
  ]
    .filter(Boolean)
    .join("　");
}

const cellText = (row: ResponseRow, key: (typeof RESPONSE_COLUMNS)[number]["key"]) => String(row[key]);

// CSV ------------------------------------------------------------------------------------

/** RFC 4180 with CRLF between records, and a BOM so that Excel reads it as UTF-8. */
export function responseTableCsv(table: ResponseTable): string {
  const records = [RESPONSE_COLUMNS.map((c) => c.label), ...table.rows.map((row) => RESPONSE_COLUMNS.map((c) => csvCell(row[c.key])))];
  return "\uFEFF" + records.map((fields) => fields.map(csvQuote).join(",")).join("\r\n") + "\r\n";
}

/** Text a spreadsheet would run as a formula (=, +, -, @) is kept as text with a leading apostrophe. */
function csvCell(value: string | number): string {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
}

function csvQuote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

// XLSX -----------------------------------------------------------------------------------

const HEADER_FILL = "FFDCE6EA";

async function responseTableXlsx(table: ResponseTable): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const { DOCX_DEFAULT_FONT: font } = await import("../ordinance/formats/docx");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kizuna";
  workbook.title = responseTableTitle(table);
  const headerRow = 3;
  const sheet = workbook.addWorksheet("意見対応表", {
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "&C&P / &N" },
    views: [{ state: "frozen", ySplit: headerRow }],
  });
  // Excel measures a column in widths of "0"; a full-width character takes about two.
  sheet.columns = RESPONSE_COLUMNS.map((c) => ({ key: c.key, width: c.width * 2 + 2 }));
  const lastColumn = String.fromCharCode(64 + RESPONSE_COLUMNS.length);

  const title = sheet.getRow(1);
  title.getCell(1).value = responseTableTitle(table);
  title.getCell(1).font = { name: font, size: 14, bold: true };
  title.height = 24;
  sheet.mergeCells(`A1:${lastColumn}1`);
  sheet.getRow(2).getCell(1).value = responseTableNote(table);
  sheet.getRow(2).getCell(1).font = { name: font, size: 10 };
  sheet.mergeCells(`A2:${lastColumn}2`);

  const border = { style: "thin" as const, color: { argb: "FF808080" } };
  const borders = { top: border, left: border, bottom: border, right: border };
  const header = sheet.getRow(headerRow);
  RESPONSE_COLUMNS.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.label;
    cell.font = { name: font, size: 10, bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = borders;
  });
  for (const row of table.rows) {
    const added = sheet.addRow(RESPONSE_COLUMNS.map((c) => row[c.key]));
    added.eachCell({ includeEmpty: true }, (cell, column) => {
      const key = RESPONSE_COLUMNS[column - 1]!.key;
      cell.font = { name: font, size: 10 };
      cell.alignment = { vertical: "top", wrapText: true, horizontal: key === "no" || key === "kind" || key === "disposition" ? "center" : "left" };
      cell.border = borders;
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

// DOCX -----------------------------------------------------------------------------------

const A4 = { width: 11906, height: 16838 }; // twips, portrait; docx turns it for landscape
const MARGIN = 1134; // 20 mm
const TEXT_WIDTH = A4.height - 2 * MARGIN;

async function responseTableDocx(table: ResponseTable): Promise<Uint8Array> {
  const docx = await import("docx");
  const { AlignmentType, Document, Packer, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } = docx;
  const { DOCX_DEFAULT_FONT: font } = await import("../ordinance/formats/docx");
  const total = RESPONSE_COLUMNS.reduce((sum, c) => sum + c.width, 0);
  const widths = RESPONSE_COLUMNS.map((c) => Math.floor((c.width / total) * TEXT_WIDTH));
  const cell = (text: string, width: number, options: { header?: boolean; center?: boolean } = {}) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(options.header ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: HEADER_FILL.slice(2) } } : {}),
      // One paragraph per line, so the line breaks in a comment survive.
      children: text.split("\n").map(
        (line) =>
          new Paragraph({
            alignment: options.header || options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
            children: line ? [new TextRun({ text: line, bold: options.header })] : [],
          }),
      ),
    });
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: RESPONSE_COLUMNS.map((c, i) => cell(c.label, widths[i]!, { header: true })) }),
    ...table.rows.map(
      (row) =>
        new TableRow({
          children: RESPONSE_COLUMNS.map((c, i) => cell(cellText(row, c.key), widths[i]!, { center: c.key === "no" || c.key === "kind" || c.key === "disposition" })),
        }),
    ),
  ];
  const document = new Document({
    title: responseTableTitle(table),
    creator: "Kizuna",
    styles: { default: { document: { run: { font: { ascii: font, eastAsia: font, hAnsi: font, cs: font }, size: 18 } } } },
    sections: [
      {
        properties: {
          page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } },
        },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: responseTableTitle(table), bold: true, size: 28 })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 120 }, children: [new TextRun(responseTableNote(table))] }),
          new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows }),
          ...(table.rows.length ? [] : [new Paragraph({ children: [new TextRun("該当する意見はありません。")] })]),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
