import type { Node } from "prosemirror-model";
import type { Database, Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { UserFacingError } from "../lib/errors";
import { ordinanceSchema } from "../ordinance/model";
import type { NumberingStyle } from "../ordinance/numbering";
import { docFromState, getDraft, loadDraftDoc } from "./drafts";
import { publishLiveEvent } from "./live-events";
import { editDraftOnServer } from "./server-edit";
import { loadState } from "./store";

// Named versions (版) of a draft: 第1次案, 研究会提示案, パブコメ案, 最終案. A version is an
// immutable snapshot of the text as stored when it was taken, kept both as a ProseMirror
// document (to show and compare) and as Yjs state (to reproduce it exactly). Restoring one
// is a new change on top of the current text, so history is never rewritten.

export interface VersionSummary {
  id: number;
  draftId: number;
  label: string;
  note: string | null;
  title: string;
  numberingStyle: NumberingStyle;
  createdBy: string | null;
  createdAt: Date;
}

export const MAX_VERSION_LABEL = 100;
export const MAX_VERSION_NOTE = 2000;
/** Stage names offered when a PT member saves a version; any other name may be typed. */
export const VERSION_STAGES = ["第1次案", "研究会提示案", "パブコメ案", "最終案"] as const;

const SUMMARY_COLUMNS = `v.id, v.draft_id AS "draftId", v.label, v.note, v.title, v.numbering_style AS "numberingStyle",
  u.display_name AS "createdBy", v.created_at AS "createdAt"`;

function checkLabel(label: string): string {
  const trimmed = label.trim();
  if (!trimmed) throw new UserFacingError("版の名前を入力してください（例：第1次案）。");
  if (trimmed.length > MAX_VERSION_LABEL) throw new UserFacingError(`版の名前は${MAX_VERSION_LABEL}文字以内にしてください。`);
  return trimmed;
}

function checkNote(note: string | null | undefined): string | null {
  const trimmed = note?.trim() ?? "";
  if (trimmed.length > MAX_VERSION_NOTE) throw new UserFacingError(`メモは${MAX_VERSION_NOTE}文字以内にしてください。`);
  return trimmed || null;
}

/** Saves the draft's stored text as a named version; the caller checks the right to do so. */
export async function saveVersion(
  db: Database,
  draftId: number,
  input: { label: string; note?: string | null },
  actorId: number | null,
): Promise<VersionSummary> {
  const label = checkLabel(input.label);
  const note = checkNote(input.note);
  const version = await db.transaction(async (tx) => {
    const draft = await getDraft(tx, draftId);
    if (!draft) throw new UserFacingError("この条例案は見つかりません。", 404, "not_found");
    const taken = await queryOne(tx, "SELECT 1 FROM draft_versions WHERE draft_id = $1 AND label = $2", [draftId, label]);
    if (taken) throw new UserFacingError(`「${label}」という版はもうあります。別の名前を付けてください（例：${label}（修正））。`, 409, "version_exists");
    const state = (await loadState(tx, draftId)) ?? new Uint8Array();
    const doc = docFromState(state, draft.numberingStyle);
    const row = await queryOne<{ id: number }>(
      tx,
      `INSERT INTO draft_versions (draft_id, label, note, title, numbering_style, doc, state, created_by)
       VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8) RETURNING id`,
      [draftId, label, note, draft.title, draft.numberingStyle, JSON.stringify(doc.toJSON()), Buffer.from(state), actorId],
    );
    return (await getVersion(tx, row!.id))!;
  });
  await publishLiveEvent(db, { type: "draft.version", draftId, versionId: version.id });
  return version;
}

export async function listVersions(db: Queryable, draftId: number): Promise<VersionSummary[]> {
  return db.query<VersionSummary>(
    `SELECT ${SUMMARY_COLUMNS} FROM draft_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.draft_id = $1 ORDER BY v.id`,
    [draftId],
  );
}

export async function getVersion(db: Queryable, id: number): Promise<VersionSummary | undefined> {
  return queryOne<VersionSummary>(db, `SELECT ${SUMMARY_COLUMNS} FROM draft_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.id = $1`, [id]);
}

/** The newest version of a draft, which new comments are written against; null before the first. */
export async function latestVersionId(db: Queryable, draftId: number): Promise<number | null> {
  const row = await queryOne<{ id: number }>(db, "SELECT max(id) AS id FROM draft_versions WHERE draft_id = $1", [draftId]);
  return row?.id ?? null;
}

/** A version's text, read-only. */
export async function loadVersionDoc(db: Queryable, id: number): Promise<{ version: VersionSummary; doc: Node }> {
  const row = await queryOne<{ doc: unknown }>(db, "SELECT doc FROM draft_versions WHERE id = $1", [id]);
  const version = row && (await getVersion(db, id));
  if (!row || !version) throw new UserFacingError(`版 ${id} は見つかりません。版の番号は版の一覧で確かめてください。`, 404, "not_found");
  const json = typeof row.doc === "string" ? JSON.parse(row.doc) : row.doc;
  const parsed = ordinanceSchema.nodeFromJSON(json);
  return { version, doc: ordinanceSchema.nodes.doc.create({ ...parsed.attrs, style: version.numberingStyle }, parsed.content) };
}

/**
 * Makes the draft's text that of a version again, as one attributed change on top of the
 * current text. Node ids come back with the text, so comments find their clauses again.
 * The text it replaces is first saved as a version of its own, so a restore can itself be
 * taken back. Returns that version, or null when the text already was the version's.
 */
export async function restoreVersion(db: Database, draftId: number, versionId: number, actorId: number): Promise<VersionSummary | null> {
  const { version, doc } = await loadVersionDoc(db, versionId);
  if (version.draftId !== draftId) throw new UserFacingError("この版は別の条例案のものです。", 400, "wrong_draft");
  const current = await loadDraftDoc(db, draftId);
  if (current.doc.content.eq(doc.content)) return null;
  const stamp = new Intl.DateTimeFormat("ja-JP", { dateStyle: "short", timeStyle: "medium", timeZone: "Asia/Tokyo" }).format(new Date());
  const before = await saveVersion(
    db,
    draftId,
    { label: `「${version.label}」に戻す前の条文（${stamp}）`.slice(0, MAX_VERSION_LABEL), note: "版を戻したときに自動で保存しました。" },
    actorId,
  );
  await editDraftOnServer(db, draftId, actorId, (latest) => ({
    doc: ordinanceSchema.nodes.doc.create(latest.attrs, doc.content),
    value: null,
  }));
  return before;
}

/** One side of a comparison: a saved version, or the draft's text as stored now. */
export type TextRef = number | "current";

export interface ComparedText {
  /** 第1次案, or 現在の条文. */
  label: string;
  doc: Node;
  versionId: number | null;
}

export const CURRENT_TEXT_LABEL = "現在の条文";

export async function loadComparedText(db: Queryable, draftId: number, ref: TextRef): Promise<ComparedText> {
  if (ref === "current") {
    const { doc } = await loadDraftDoc(db, draftId);
    return { label: CURRENT_TEXT_LABEL, doc, versionId: null };
  }
  const { version, doc } = await loadVersionDoc(db, ref);
  if (version.draftId !== draftId) throw new UserFacingError("この版は別の条例案のものです。版の一覧から選び直してください。", 400, "wrong_draft");
  return { label: version.label, doc, versionId: version.id };
}

/** "current", a version id, or undefined for anything else (from a query string). */
export function parseTextRef(value: string | null | undefined): TextRef | undefined {
  if (value === "current") return "current";
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : undefined;
}
