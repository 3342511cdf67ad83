// The one entry point for turning an uploaded file into text: size check, format check,
// then the reader for that format and the shared clean-up. Every refusal is a
// UserFacingError whose message names the file and says what to do.

import { assembleDocument } from "./assemble";
import { detectFormat, refusalFor } from "./detect";
import { readDocx } from "./docx";
import { displayName, fileTooLarge, lawXmlNotUtf8, undecodableText } from "./errors";
import { readMarkdown } from "./markdown";
import { readPdf } from "./pdf";
import { decodeText } from "./text-decode";
import { DEFAULT_IMPORT_LIMITS, type ExtractedDocument, type ImportInput, type ImportLimits } from "./types";

export async function extractDocument(
  input: ImportInput,
  limits: Partial<ImportLimits> = {}
): Promise<ExtractedDocument> {
  const { fileName, bytes } = input;
  const effective: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...limits };
  if (bytes.byteLength > effective.maxFileBytes) {
    throw fileTooLarge(fileName, bytes.byteLength, effective.maxFileBytes);
  }

  const format = detectFormat(fileName, bytes);
  switch (format) {
    case null:
      throw refusalFor(fileName, bytes);
    case "egov-xml":
      return { format, xml: decodeLawXml(fileName, bytes), warnings: [] };
    case "pdf": {
      const { blocks, title, warnings } = await readPdf(fileName, bytes);
      return assembleDocument(blocks, { format, fileName, title, warnings });
    }
    case "docx": {
      const { blocks, title } = await readDocx(fileName, bytes, effective);
      return assembleDocument(blocks, { format, fileName, title });
    }
    case "markdown": {
      const { text, warnings } = decodeOrRefuse(fileName, bytes);
      const { blocks, title } = readMarkdown(text);
      return assembleDocument(blocks, { format, fileName, title, warnings });
    }
    case "text": {
      const { text, warnings } = decodeOrRefuse(fileName, bytes);
      return assembleDocument([{ kind: "body", text }], { format, fileName, warnings });
    }
  }
}

function decodeOrRefuse(fileName: string, bytes: Uint8Array): { text: string; warnings: string[] } {
  const decoded = decodeText(bytes);
  if (!decoded) throw undecodableText(fileName);
  // Worth a word in the preview: a wrong guess would show as garbled text there.
  const warnings =
    decoded.encoding === "shift_jis"
      ? [
          `「${displayName(
            fileName
          )}」をShift_JISの文書として読み込みました。文字化けしている場合は、UTF-8で保存し直してから取り込んでください。`,
        ]
      : [];
  return { text: decoded.text, warnings };
}

// e-Gov publishes UTF-8 only; the law parser receives the text exactly as it came.
function decodeLawXml(fileName: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw lawXmlNotUtf8(fileName);
  }
}
