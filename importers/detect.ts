// Which importer a file goes to. The extension says what the person meant, the first
// bytes say what the file is; both must agree, so a renamed file is refused up front
// instead of failing deep inside a parser.

import type { UserFacingError } from "../lib/errors";
import { contentMismatch, legacyWordFormat, unsupportedFormat } from "./errors";
import type { ImportFormat } from "./types";

const FORMAT_BY_EXTENSION: Record<string, ImportFormat> = {
  pdf: "pdf",
  docx: "docx",
  txt: "text",
  text: "text",
  md: "markdown",
  markdown: "markdown",
  xml: "egov-xml",
};

type Content = "pdf" | "zip" | "ole" | "text" | "binary";

export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormat | null {
  const expected = FORMAT_BY_EXTENSION[extensionOf(fileName)];
  if (!expected) return null;
  const content = sniffContent(bytes);
  switch (expected) {
    case "pdf":
      return content === "pdf" ? "pdf" : null;
    case "docx":
      return content === "zip" ? "docx" : null;
    case "egov-xml":
      // Any text .xml goes to the law parser, whose refusals say exactly what is wrong
      // (a DOCTYPE, another schema's root, malformed markup at line n).
      return content === "text" ? "egov-xml" : null;
    default:
      return content === "text" ? expected : null;
  }
}

/** Why detectFormat said no, as the message a person will see. */
export function refusalFor(fileName: string, bytes: Uint8Array): UserFacingError {
  const extension = extensionOf(fileName);
  const content = sniffContent(bytes);
  if (content === "ole" && (extension === "doc" || extension === "docx")) return legacyWordFormat(fileName);
  if (FORMAT_BY_EXTENSION[extension]) return contentMismatch(fileName, extension);
  return unsupportedFormat(fileName);
}

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

function sniffContent(bytes: Uint8Array): Content {
  if (isPdf(bytes)) return "pdf";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "zip";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole";
  return looksLikeText(bytes) ? "text" : "binary";
}

// The PDF spec lets the header start anywhere in the first 1,024 bytes (some generators
// prepend junk), and pdf.js accepts that too.
function isPdf(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 5 <= head.length; i++) {
    if (
      head[i] === 0x25 &&
      head[i + 1] === 0x50 &&
      head[i + 2] === 0x44 &&
      head[i + 3] === 0x46 &&
      head[i + 4] === 0x2d
    ) {
      return true;
    }
  }
  return false;
}

/** Text files have no NUL bytes, except UTF-16 ones, which we only accept with a BOM. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true;
  return !bytes.subarray(0, 8192).includes(0);
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}
