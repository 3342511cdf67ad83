// Word documents via mammoth, after the archive has been checked for zip bombs. Heading
// styles become sections; the "Title" style, when used, becomes the document's title.

import mammoth from "mammoth";
import type { Block } from "./assemble";
import { htmlToBlocks } from "./docx-html";
import { corruptDocx } from "./errors";
import type { ImportLimits } from "./types";
import { assertSafeZip } from "./zip-guard";

// Word stores built-in style names in English whatever the UI language, and mammoth's
// defaults already cover "heading 1"… ; the Japanese names catch documents whose styles
// were copied or created under those names.
const STYLE_MAP = [
  "p[style-name='Title'] => p.title:fresh",
  "p[style-name='表題'] => p.title:fresh",
  "p[style-name='見出し 1'] => h1:fresh",
  "p[style-name='見出し 2'] => h2:fresh",
  "p[style-name='見出し 3'] => h3:fresh",
];

// Images are left out of the HTML instead of being inlined as base64, which for a
// document full of photos would cost more memory than the text itself.
const SKIP_IMAGES = mammoth.images.imgElement(async () => ({ src: "" }));

export interface DocxContent {
  blocks: Block[];
  title?: string;
}

export async function readDocx(
  fileName: string,
  bytes: Uint8Array,
  limits: ImportLimits
): Promise<DocxContent> {
  await assertSafeZip(fileName, bytes, limits);
  let html: string;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    ({ value: html } = await mammoth.convertToHtml(
      { buffer },
      { styleMap: STYLE_MAP, convertImage: SKIP_IMAGES }
    ));
  } catch {
    // A zip that is not a Word document (no word/document.xml), or broken XML inside.
    throw corruptDocx(fileName);
  }
  return htmlToBlocks(html);
}
