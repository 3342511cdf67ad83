// The file formats of the 意見対応表 (comments/response-export.ts writes them). Kept apart from
// the writers, which load the XLSX and DOCX libraries, so that reading a format is cheap.

export const RESPONSE_EXPORT_FORMATS = ["csv", "xlsx", "docx"] as const;
export type ResponseExportFormat = (typeof RESPONSE_EXPORT_FORMATS)[number];

export function isResponseExportFormat(value: unknown): value is ResponseExportFormat {
  return (RESPONSE_EXPORT_FORMATS as readonly unknown[]).includes(value);
}
