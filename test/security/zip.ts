import { buildZip, deflateEntry } from "../support/fixtures/zip";

// Hostile DOCX archives for the import guard, written with the fixture zip writer
// (test/support/fixtures/zip.ts), whose headers may lie about sizes.

export { buildZip, deflateEntry };

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

/** A .docx whose word/document.xml is `size` bytes of zeros, optionally declared as another size. */
export function zeroDocx(size: number, declaredSize?: number): Uint8Array {
  const document = deflateEntry("word/document.xml", new Uint8Array(size));
  return buildZip([
    deflateEntry("[Content_Types].xml", Buffer.from(CONTENT_TYPES)),
    declaredSize === undefined ? document : { ...document, declaredSize },
  ]);
}
