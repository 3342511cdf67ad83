import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Queryable } from "../db/database";
import { UserFacingError } from "../lib/errors";

// `kizuna shinkyu` and `kizuna aratame`: each side a version id (read from the database) or
// an e-Gov XML file. Two files need no database at all, so the CLI then runs this alone. The
// comparison and its formats (the DOCX library among them) are loaded only when asked for.

const compareInput = z.object({
  a: z.string().min(1),
  b: z.string().min(1),
  format: z.enum(["json", "html", "docx", "aratame"]),
  order: z.enum(["beforeFirst", "afterFirst"]).optional(),
  unchanged: z.enum(["omit", "abbreviate"]).optional(),
});

export const isVersionId = (ref: string): boolean => /^\d+$/.test(ref);

/** The 新旧対照表 (JSON, HTML, or DOCX as base64) or the 改め文; `db` may be null when both sides are files. */
export async function compareTexts(raw: unknown, db: Queryable | null) {
  const input = compareInput.parse(raw);
  const [before, after] = [await comparedText(db, input.a), await comparedText(db, input.b)];
  const { compareDocuments, shinkyuJson, shinkyuTable } = await import("../ordinance/compare");
  const comparison = compareDocuments(before.doc, after.doc);
  if (input.format === "aratame") return (await import("../ordinance/compare/aratame")).aratameBun(comparison);
  const table = shinkyuTable(comparison, { columnOrder: input.order, unchanged: input.unchanged });
  const title = `${after.title || before.title}　新旧対照表`;
  const subtitle = `${before.label}と${after.label}の対照`;
  if (input.format === "json") return shinkyuJson(table);
  if (input.format === "html") return { body: (await import("../ordinance/formats/shinkyu-html")).shinkyuToHtml(table, { title, subtitle }) };
  const { shinkyuToDocx } = await import("../ordinance/formats/shinkyu-docx");
  return { body: Buffer.from(await shinkyuToDocx(table, { title, subtitle })).toString("base64"), binary: true };
}

async function comparedText(db: Queryable | null, ref: string) {
  if (isVersionId(ref)) {
    if (!db) throw new Error("internal: a version id needs the database");
    const { loadVersionDoc } = await import("../drafting/versions");
    const { version, doc } = await loadVersionDoc(db, Number(ref));
    return { label: version.label, title: version.title, doc };
  }
  let xml: string;
  try {
    xml = await readFile(ref, "utf8");
  } catch {
    throw new UserFacingError(`${path.basename(ref)} を読み込めません。版の番号(数字)か、e-Gov法令XMLのファイルを指定してください。`, 400, "unreadable");
  }
  const [{ EgovXmlError }, { egovXmlToDoc }] = await Promise.all([import("../ordinance/egov"), import("../ordinance/formats/egov")]);
  try {
    const { doc } = egovXmlToDoc(xml);
    return { label: path.basename(ref), title: doc.firstChild?.textContent ?? "", doc };
  } catch (error) {
    if (error instanceof EgovXmlError || error instanceof RangeError) throw new UserFacingError(`${path.basename(ref)}：${error.message}`, 400, "egov");
    throw error;
  }
}
