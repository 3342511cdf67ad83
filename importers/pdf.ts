// PDF text via pdf.js (legacy build, which runs in Node). Only text is read: nothing is
// rendered, no system fonts are touched, and pdf.js never evaluates code from the file.

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { TextItem } from "pdfjs-dist/types/src/display/api";
import type { Block } from "./assemble";
import { corruptPdf, encryptedPdf } from "./errors";
import { removePageFurniture } from "./page-furniture";
import { buildLines, pageText, type PageLine, type PositionedText } from "./pdf-lines";

export interface PdfContent {
  blocks: Block[];
  title?: string;
  warnings: string[];
}

export async function readPdf(fileName: string, bytes: Uint8Array): Promise<PdfContent> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const assets = pdfjsAssets();
  const task = pdfjs.getDocument({
    // pdf.js may take ownership of the buffer it is given; the caller keeps theirs.
    data: bytes.slice(),
    // Japanese PDFs with non-embedded fonts (MS明朝 via UniJIS-UCS2-H and the like) need
    // the predefined CMaps to map their codes to text at all.
    cMapUrl: assets.cMaps,
    cMapPacked: true,
    standardFontDataUrl: assets.standardFonts,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const document = await task.promise;
    const pages: PageLine[][] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items = content.items.flatMap((item) =>
        "str" in item ? [positioned(item, viewport.transform, pdfjs.Util.transform)] : []
      );
      pages.push(buildLines(items));
      page.cleanup();
    }
    const metadata = await document.getMetadata().catch(() => null);
    return toContent(pages, metadataTitle(metadata?.info));
  } catch (error) {
    if (error instanceof Error && error.name === "PasswordException") throw encryptedPdf(fileName);
    throw corruptPdf(fileName);
  } finally {
    await task.destroy();
  }
}

type Matrix = number[];

// The viewport transform turns PDF space (y up, maybe rotated) into page space (y down),
// so rotated pages read in the same order as upright ones.
function positioned(
  item: TextItem,
  viewport: Matrix,
  multiply: (a: Matrix, b: Matrix) => Matrix
): PositionedText {
  const [a, b, c, d, x, y] = multiply(viewport, item.transform);
  const size = Math.hypot(c, d) || Math.hypot(a, b) || 1;
  return { str: item.str, x, y, width: item.width, size };
}

function toContent(pages: PageLine[][], title: string | undefined): PdfContent {
  const { pages: kept, removed } = removePageFurniture(pages);
  const warnings: string[] = [];
  if (removed.length > 0) {
    const examples = removed
      .slice(0, 3)
      .map((line) => `「${line}」`)
      .join("、");
    warnings.push(`各ページの上下に繰り返し現れる行（${examples}）をヘッダー・フッターとして除きました。`);
  }
  const blank = pages.flatMap((lines, i) => (lines.length === 0 ? [i + 1] : []));
  if (blank.length > 0 && blank.length < pages.length) {
    const listed = blank.slice(0, 10).join("、") + (blank.length > 10 ? " ほか" : "");
    warnings.push(
      `${listed}ページ目から文字を取り出せませんでした。画像だけのページの内容は取り込まれません。`
    );
  }
  // Pages are joined by a plain line break, so a sentence running over a page break can
  // be rejoined by the clean-up.
  const text = kept
    .map(pageText)
    .filter((page) => page !== "")
    .join("\n");
  return { blocks: [{ kind: "body", text }], ...(title ? { title } : {}), warnings };
}

// Office and print drivers fill in Title with the file or slide name; those are not titles.
const GENERATED_TITLE =
  /^(?:Microsoft (?:Word|PowerPoint|Excel) - |PowerPoint プレゼンテーション$|スライド\s*\d+$|untitled$|無題)|\.(?:docx?|xlsx?|pptx?|pdf|jtd|txt)$/iu;

function metadataTitle(info: unknown): string | undefined {
  const title = (info as { Title?: unknown } | undefined)?.Title;
  if (typeof title !== "string") return undefined;
  const trimmed = title.trim();
  return trimmed && trimmed.length <= 200 && !GENERATED_TITLE.test(trimmed) ? trimmed : undefined;
}

function pdfjsAssets(): { cMaps: string; standardFonts: string } {
  const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  return { cMaps: join(root, "cmaps") + "/", standardFonts: join(root, "standard_fonts") + "/" };
}
