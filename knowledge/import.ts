import { createHash } from "node:crypto";
import type { Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { extractDocument, suggestMetadata, type ExtractedText, type ImportInput } from "../importers";
import { UserFacingError } from "../lib/errors";
import { EgovXmlError, parseEgovXml } from "../ordinance/egov";
import type { RecordKind } from "./kinds";
import { lawToRecord } from "./law-record";
import type { RecordInputDraft } from "./record-input";
import { createRecord } from "./records";

// From an uploaded file to a record: extract and suggest (preview), then save what a
// person confirmed together with the original file, in one transaction.

export interface ImportPreview {
  fileName: string;
  format: string;
  size: number;
  suggestion: {
    kind: RecordKind;
    title: string;
    date: string | null;
    datePrecision: "day" | "month" | "year" | null;
    bodyId: number | null;
    departmentId: number | null;
    issuerLevel: "国" | "県" | null;
  };
  /** Body in Kizuna's Markdown subset (for laws, the plain rendering). */
  bodyText: string;
  /** What the person sees before saving: headings and the start of each part. */
  outline: { heading: string; excerpt: string }[];
  dates: { text: string; iso: string }[];
  law: { lawNum: string | null; articleCount: number } | null;
  warnings: string[];
}

function sectionsToMarkdown(doc: ExtractedText): string {
  return doc.sections
    .map((s) => (s.heading ? `${s.level <= 1 ? "##" : "###"} ${s.heading}\n${s.text}` : s.text))
    .join("\n\n")
    .trim();
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}

function lawError(fileName: string, error: EgovXmlError): UserFacingError {
  return new UserFacingError(`${fileName}：${error.message}`, 400, `egov_${error.code}`);
}

/** Reads a file and proposes how to record it. Throws a UserFacingError naming the file. */
export async function previewImport(db: Queryable, file: ImportInput): Promise<ImportPreview> {
  const extracted = await extractDocument(file);
  if (extracted.format === "egov-xml") {
    let law;
    try {
      law = lawToRecord(parseEgovXml(extracted.xml));
    } catch (error) {
      if (error instanceof EgovXmlError) throw lawError(file.fileName, error);
      throw error;
    }
    return {
      fileName: file.fileName,
      format: "egov-xml",
      size: file.bytes.length,
      suggestion: {
        kind: "law",
        title: law.title,
        date: law.promulgated,
        datePrecision: law.promulgated ? "day" : null,
        bodyId: null,
        departmentId: null,
        issuerLevel: law.lawNum && /法律|政令|省令/.test(law.lawNum) ? "国" : "県",
      },
      bodyText: law.bodyText,
      outline: law.sections
        .filter((s) => ["chapter", "section", "suppl", "article"].includes(s.kind))
        .slice(0, 60)
        .map((s) => ({ heading: s.caption ? `${s.locator}${s.caption}` : s.locator, excerpt: excerpt(s.text) })),
      dates: [],
      law: { lawNum: law.lawNum, articleCount: law.articleCount },
      warnings: extracted.warnings,
    };
  }
  const vocabulary = {
    bodies: await db.query<{ code: string; name: string }>("SELECT code, name FROM bodies"),
    departments: await db.query<{ code: string; name: string }>("SELECT code, name FROM departments"),
  };
  const meta = suggestMetadata(extracted, vocabulary);
  const idOf = async (table: "bodies" | "departments", code: string | undefined) =>
    code ? ((await queryOne<{ id: number }>(db, `SELECT id FROM ${table} WHERE code = $1`, [code]))?.id ?? null) : null;
  const date = meta.date;
  return {
    fileName: file.fileName,
    format: extracted.format,
    size: file.bytes.length,
    suggestion: {
      kind: meta.kind,
      title: (meta.title ?? file.fileName.replace(/\.[^.]+$/, "")).slice(0, 300),
      date: date ? (date.precision === "day" ? date.iso : date.precision === "month" ? `${date.iso}-01` : `${date.iso}-01-01`) : null,
      datePrecision: date?.precision ?? null,
      bodyId: await idOf("bodies", meta.bodies[0]?.code),
      departmentId: await idOf("departments", meta.departments[0]?.code),
      issuerLevel: null,
    },
    bodyText: sectionsToMarkdown(extracted),
    outline: extracted.sections
      .filter((s) => s.heading)
      .slice(0, 60)
      .map((s) => ({ heading: s.heading!, excerpt: excerpt(s.text) })),
    dates: meta.dates.slice(0, 10).map((d) => ({ text: d.text, iso: d.iso })),
    law: null,
    warnings: extracted.warnings,
  };
}

/** Stores the original file untouched; returns its id. */
export async function storeFile(db: Queryable, file: ImportInput, actorId: number | null): Promise<number> {
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const mediaType = mediaTypeOf(file.fileName);
  const row = await queryOne<{ id: number }>(
    db,
    `INSERT INTO files (name, media_type, size, sha256, content, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [file.fileName.slice(0, 255), mediaType, file.bytes.length, sha256, Buffer.from(file.bytes), actorId],
  );
  return row!.id;
}

function mediaTypeOf(name: string): string {
  const ext = name.toLowerCase().split(".").pop();
  return (
    { pdf: "application/pdf", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", xml: "application/xml", md: "text/markdown", txt: "text/plain" }[
      ext ?? ""
    ] ?? "application/octet-stream"
  );
}

/**
 * Saves a previewed file as a record with the metadata a person confirmed. For a law the
 * structure is rebuilt from the stored XML, so every article stays addressable.
 */
export async function saveImportedRecord(
  db: Queryable,
  file: ImportInput,
  fileId: number,
  metadata: RecordInputDraft,
  actorId: number | null,
): Promise<number> {
  const isXml = file.fileName.toLowerCase().endsWith(".xml");
  if (metadata.kind === "law" && isXml) {
    let law;
    try {
      law = lawToRecord(parseEgovXml(new TextDecoder().decode(file.bytes)));
    } catch (error) {
      if (error instanceof EgovXmlError) throw lawError(file.fileName, error);
      throw error;
    }
    return createRecord(db, { ...metadata, bodyText: law.bodyText }, {
      actorId,
      sections: law.sections,
      sourceFileId: fileId,
      extraData: { lawNum: law.lawNum },
      note: `${file.fileName} から取り込み`,
    });
  }
  return createRecord(db, metadata, { actorId, sourceFileId: fileId, note: `${file.fileName} から取り込み` });
}

/** One call for scripts: preview, then save with the suggestions (and an optional kind). Run it in a transaction. */
export async function importFile(db: Queryable, file: ImportInput, options: { kind?: RecordKind; actorId: number | null }) {
  const preview = await previewImport(db, file);
  const kind = options.kind ?? preview.suggestion.kind;
  const draft: RecordInputDraft = {
    ...preview.suggestion,
    kind,
    bodyText: preview.bodyText,
    tags: [],
  };
  const fileId = await storeFile(db, file, options.actorId);
  const id = await saveImportedRecord(db, file, fileId, draft, options.actorId);
  return { id, title: draft.title, kind };
}
