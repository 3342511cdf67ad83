import type { Node } from "prosemirror-model";
import { prosemirrorToYDoc, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import * as Y from "yjs";
import type { Database, Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { UserFacingError } from "../lib/errors";
import type { NumberingStyle } from "../ordinance/numbering";
import { buildDoc, ordinanceSchema } from "../ordinance/model";
import { docToEgovXml, egovXmlToDoc, type LawMeta } from "../ordinance/formats/egov";
import { docToText } from "../ordinance/formats/text";
import { EgovXmlError } from "../ordinance/egov";
import { PROSEMIRROR_FRAGMENT } from "../collab-server/protocol";
import { enqueueIndex, enqueueIndexAll } from "../search/outbox";
import { publishLiveEvent } from "./live-events";
import { appendUpdate, loadState } from "./store";

// Draft ordinances: a row for what is not text (title, numbering style) and a Yjs
// document for the text. Creating a draft stores its first state as the first update.

export interface DraftSummary {
  id: number;
  title: string;
  numberingStyle: NumberingStyle;
  updatedAt: Date;
  createdBy: string | null;
}

export const MAX_DRAFT_TITLE = 300;

function checkTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw new UserFacingError("条例案の題名を入力してください。");
  if (trimmed.length > MAX_DRAFT_TITLE) throw new UserFacingError(`題名は${MAX_DRAFT_TITLE}文字以内にしてください。`);
  return trimmed;
}

/** An empty draft: a title, one chapter-less article with one paragraph, and a 附則. */
export function emptyDraftDoc(title: string, style: NumberingStyle): Node {
  return buildDoc({
    title,
    style,
    main: [{ caption: "目的", paragraphs: ["この条例は、"] }],
    supplProvisions: [{ children: [{ sentences: ["この条例は、公布の日から施行する。"] }] }],
  });
}

export async function createDraft(
  db: Database,
  input: { title: string; numberingStyle?: NumberingStyle; doc?: Node; seedKey?: string; lawMeta?: LawMeta },
  actorId: number | null,
): Promise<number> {
  const title = checkTitle(input.title);
  const style = input.numberingStyle ?? "horizontal";
  const doc = input.doc ?? emptyDraftDoc(title, style);
  const state = Y.encodeStateAsUpdate(prosemirrorToYDoc(doc, PROSEMIRROR_FRAGMENT));
  return db.transaction(async (tx) => {
    const row = await queryOne<{ id: number }>(
      tx,
      "INSERT INTO drafts (title, numbering_style, seed_key, created_by, law_meta) VALUES ($1, $2, $3, $4, $5::text::jsonb) RETURNING id",
      [title, style, input.seedKey ?? null, actorId, JSON.stringify(input.lawMeta ?? {})],
    );
    await appendUpdate(tx, row!.id, state, actorId);
    await enqueueIndex(tx, "draft", row!.id);
    return row!.id;
  });
}

/** A new draft from an e-Gov XML file; refused whole, with a Japanese reason, if it cannot be read. */
export async function importDraftXml(db: Database, xml: string, options: { title?: string; fileName?: string }, actorId: number | null) {
  let parsed;
  try {
    parsed = egovXmlToDoc(xml);
  } catch (error) {
    const name = options.fileName ? `${options.fileName}：` : "";
    if (error instanceof EgovXmlError) throw new UserFacingError(`${name}${error.message}`, 400, `egov_${error.code}`);
    if (error instanceof RangeError) throw new UserFacingError(`${name}${error.message}`, 400, "egov_structure");
    throw error;
  }
  const title = options.title?.trim() || parsed.doc.firstChild!.textContent || "無題の条例案";
  const style = (parsed.meta.style ?? (parsed.doc.attrs.style as NumberingStyle) ?? "horizontal") as NumberingStyle;
  const { style: _style, ...lawMeta } = parsed.meta;
  const draftId = await createDraft(db, { title, numberingStyle: style, doc: parsed.doc, lawMeta }, actorId);
  let articles = 0;
  parsed.doc.descendants((node) => {
    if (node.type.name === "article") articles++;
    return node.type.name !== "supplProvision";
  });
  return { draftId, articles };
}

export async function listDrafts(db: Queryable): Promise<DraftSummary[]> {
  return db.query<DraftSummary>(
    `SELECT d.id, d.title, d.numbering_style AS "numberingStyle", d.updated_at AS "updatedAt", u.display_name AS "createdBy"
       FROM drafts d LEFT JOIN users u ON u.id = d.created_by ORDER BY d.id`,
  );
}

export async function getDraft(db: Queryable, id: number): Promise<DraftSummary | undefined> {
  return queryOne<DraftSummary>(
    db,
    `SELECT d.id, d.title, d.numbering_style AS "numberingStyle", d.updated_at AS "updatedAt", u.display_name AS "createdBy"
       FROM drafts d LEFT JOIN users u ON u.id = d.created_by WHERE d.id = $1`,
    [id],
  );
}

export async function updateDraftSettings(db: Database, id: number, input: { title: string; numberingStyle: NumberingStyle }) {
  if (input.numberingStyle !== "horizontal" && input.numberingStyle !== "vertical") {
    throw new UserFacingError("番号の付け方は「横書き（県の例規）」か「縦書き（国の法令）」を選んでください。");
  }
  const title = checkTitle(input.title);
  const found = await db.transaction(async (tx) => {
    const before = await queryOne<{ title: string }>(tx, "SELECT title FROM drafts WHERE id = $1 FOR UPDATE", [id]);
    if (!before) return false;
    await tx.query("UPDATE drafts SET title = $2, numbering_style = $3, updated_at = now() WHERE id = $1", [id, title, input.numberingStyle]);
    // The title names every hit, and the style every address. A comment's hit is named by
    // its draft's title too; its address follows the draft's reindexing by itself.
    await enqueueIndex(tx, "draft", id);
    if (before.title !== title) {
      const comments = await tx.query<{ id: number }>("SELECT id FROM comments WHERE draft_id = $1", [id]);
      await enqueueIndexAll(tx, "comment", comments.map((c) => c.id));
    }
    return true;
  });
  if (!found) throw new UserFacingError("この条例案は見つかりません。", 404, "not_found");
  await publishLiveEvent(db, { type: "draft.settings", draftId: id });
}

/** The draft's current text as a ProseMirror document (numbering style from the draft row). */
export async function loadDraftDoc(db: Queryable, id: number): Promise<{ draft: DraftSummary; doc: Node }> {
  const draft = await getDraft(db, id);
  if (!draft) throw new UserFacingError("この条例案は見つかりません。", 404, "not_found");
  return { draft, doc: docFromState(await loadState(db, id), draft.numberingStyle) };
}

/** A stored Yjs state as a ProseMirror document in the given numbering style. */
export function docFromState(state: Uint8Array | null, style: NumberingStyle): Node {
  const ydoc = new Y.Doc();
  if (state) Y.applyUpdate(ydoc, state);
  const root = yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(PROSEMIRROR_FRAGMENT), ordinanceSchema);
  return ordinanceSchema.nodes.doc.create({ ...root.attrs, style }, root.content);
}

export type DraftExportFormat = "egov-xml" | "text" | "docx";

export async function exportDraft(db: Queryable, id: number, format: DraftExportFormat): Promise<{ fileName: string; mediaType: string; body: Uint8Array | string }> {
  const { draft, doc } = await loadDraftDoc(db, id);
  const style = draft.numberingStyle;
  const base = `draft-${id}`;
  if (format === "egov-xml") {
    const row = await queryOne<{ lawMeta: LawMeta }>(db, `SELECT law_meta AS "lawMeta" FROM drafts WHERE id = $1`, [id]);
    return { fileName: `${base}.xml`, mediaType: "application/xml; charset=utf-8", body: docToEgovXml(doc, { ...row?.lawMeta, style }) };
  }
  if (format === "text") return { fileName: `${base}.txt`, mediaType: "text/plain; charset=utf-8", body: docToText(doc, style) };
  const { docToDocx } = await import("../ordinance/formats/docx");
  return {
    fileName: `${base}.docx`,
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    body: await docToDocx(doc, style, { creator: "Kizuna" }),
  };
}
