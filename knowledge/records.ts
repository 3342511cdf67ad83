import type { Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { UserFacingError } from "../lib/errors";
import { fiscalYearOf } from "../search/wareki";
import { parseBody } from "./body";
import type { ChartSpec, RecordKind } from "./kinds";
import { recordInputSchema, type RecordInput, type RecordInputDraft, type RecordSnapshot } from "./record-input";
import { setRecordTags } from "./tags";
import { enqueueIndex } from "../search/outbox";

/** A part of a record that can be cited and linked: a section, or a law's article. */
export interface SectionRow {
  anchor: string;
  parentAnchor: string | null;
  depth: number;
  kind: string;
  locator: string;
  caption: string | null;
  text: string;
}

export interface KnowledgeRecord extends RecordInput {
  id: number;
  revision: number;
  sourceFileId: number | null;
  data: { charts?: ChartSpec[]; lawNum?: string; [key: string]: unknown };
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  updatedBy: string | null;
  bodyName: string | null;
  departmentName: string | null;
}

export interface SaveOptions {
  actorId: number | null;
  /** Sections given by an importer (a law's articles); otherwise derived from bodyText. */
  sections?: SectionRow[];
  sourceFileId?: number | null;
  extraData?: Record<string, unknown>;
  seedKey?: string;
  note?: string;
}

export function validateRecordInput(input: RecordInputDraft): RecordInput {
  const parsed = recordInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new UserFacingError(parsed.error.issues.map((i) => i.message).join(" "), 400, "invalid");
  }
  const value = parsed.data;
  value.tags = [...new Set(value.tags.map((t) => t.normalize("NFKC")))].sort((a, b) => a.localeCompare(b, "ja"));
  if (value.kind !== "measure") value.status = null;
  if (value.date === null) value.datePrecision = null;
  else value.datePrecision ??= "day";
  // A date decides the fiscal year unless one is given (a plan may cover another year);
  // a bare year (令和3年) says nothing about April–March, so it decides nothing.
  if (value.fiscalYear === null && value.date && value.datePrecision !== "year") value.fiscalYear = fiscalYearOf(value.date);
  return value;
}

function sectionsOf(input: RecordInput, given?: SectionRow[]): SectionRow[] {
  if (given) return given;
  return parseBody(input.bodyText).map(({ blocks: _b, ...s }) => s);
}

async function writeSections(db: Queryable, recordId: number, sections: SectionRow[]) {
  await db.query("DELETE FROM record_sections WHERE record_id = $1", [recordId]);
  for (const [position, s] of sections.entries()) {
    await db.query(
      `INSERT INTO record_sections (record_id, anchor, parent_anchor, position, depth, kind, locator, caption, text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [recordId, s.anchor, s.parentAnchor, position, s.depth, s.kind, s.locator, s.caption, s.text],
    );
  }
}

async function writeRevision(db: Queryable, recordId: number, revision: number, snapshot: RecordSnapshot, actorId: number | null, note: string) {
  await db.query(
    `INSERT INTO record_revisions (record_id, revision, snapshot, changed_by, note) VALUES ($1, $2, $3::text::jsonb, $4, $5)`,
    [recordId, revision, JSON.stringify(snapshot), actorId, note],
  );
}

/** Creates a record with its sections, tags and first revision; run it inside a transaction. */
export async function createRecord(db: Queryable, draft: RecordInputDraft, options: SaveOptions): Promise<number> {
  const input = validateRecordInput(draft);
  const data = { ...options.extraData, ...(input.charts.length ? { charts: input.charts } : {}) };
  const row = await queryOne<{ id: number }>(
    db,
    `INSERT INTO records (kind, title, summary, body_text, issuer_level, body_id, department_id, date, date_precision,
       fiscal_year, status, budget_yen, source_url, source_file_id, data, seed_key, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::text::jsonb, $16, $17, $17)
     RETURNING id`,
    [
      input.kind, input.title, input.summary, input.bodyText, input.issuerLevel, input.bodyId, input.departmentId,
      input.date, input.datePrecision, input.fiscalYear, input.status, input.budgetYen, input.sourceUrl,
      options.sourceFileId ?? null, JSON.stringify(data), options.seedKey ?? null, options.actorId,
    ],
  );
  const id = row!.id;
  await writeSections(db, id, sectionsOf(input, options.sections));
  await setRecordTags(db, id, input.tags);
  await writeRevision(db, id, 1, input, options.actorId, options.note ?? "作成");
  await enqueueIndex(db, "record", id);
  return id;
}

/**
 * Saves a new revision. `expectedRevision` is the revision the person started from: if
 * someone saved in between, nothing is written and they are asked to look again.
 */
export async function updateRecord(
  db: Queryable,
  id: number,
  expectedRevision: number,
  draft: RecordInputDraft,
  options: SaveOptions,
): Promise<number> {
  const input = validateRecordInput(draft);
  const current = await queryOne<{ revision: number; data: Record<string, unknown>; kind: RecordKind }>(
    db,
    "SELECT revision, data, kind FROM records WHERE id = $1 FOR UPDATE",
    [id],
  );
  if (!current) throw new UserFacingError("この記録は見つかりません。削除された可能性があります。", 404, "not_found");
  if (current.revision !== expectedRevision) {
    throw new UserFacingError(
      "この記録は、編集を始めた後に他の方が更新しました。入力内容は残してあります。最新の内容を別のタブで確認し、必要な変更を反映してから保存してください。",
      409,
      "conflict",
    );
  }
  const revision = expectedRevision + 1;
  const data = { ...current.data, ...options.extraData, charts: input.charts.length ? input.charts : undefined };
  await db.query(
    `UPDATE records SET kind = $2, title = $3, summary = $4, body_text = $5, issuer_level = $6, body_id = $7,
       department_id = $8, date = $9, date_precision = $10, fiscal_year = $11, status = $12, budget_yen = $13,
       source_url = $14, data = $15::text::jsonb, revision = $16, updated_by = $17, updated_at = now()
     WHERE id = $1`,
    [
      id, input.kind, input.title, input.summary, input.bodyText, input.issuerLevel, input.bodyId, input.departmentId,
      input.date, input.datePrecision, input.fiscalYear, input.status, input.budgetYen, input.sourceUrl,
      JSON.stringify(data), revision, options.actorId,
    ],
  );
  // A law's structure comes from its import; editing its metadata must not flatten it.
  if (options.sections || current.kind !== "law") await writeSections(db, id, sectionsOf(input, options.sections));
  await setRecordTags(db, id, input.tags);
  await writeRevision(db, id, revision, input, options.actorId, options.note ?? "");
  await enqueueIndex(db, "record", id);
  // Decisions show their source record's title in search.
  await db.query("INSERT INTO search_outbox (source_type, source_id) SELECT 'decision', id FROM decisions WHERE source_record_id = $1", [id]);
  return revision;
}

const RECORD_COLUMNS = `r.id, r.kind, r.title, r.summary, r.body_text AS "bodyText", r.issuer_level AS "issuerLevel",
  r.body_id AS "bodyId", r.department_id AS "departmentId", to_char(r.date, 'YYYY-MM-DD') AS date,
  r.date_precision AS "datePrecision", r.fiscal_year AS "fiscalYear", r.status, r.budget_yen AS "budgetYen",
  r.source_url AS "sourceUrl", r.source_file_id AS "sourceFileId", r.data, r.revision,
  r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  cu.display_name AS "createdBy", uu.display_name AS "updatedBy", b.name AS "bodyName", d.name AS "departmentName",
  COALESCE((SELECT array_agg(t.name ORDER BY t.name) FROM record_tags rt JOIN tags t ON t.id = rt.tag_id
            WHERE rt.record_id = r.id), '{}') AS tags`;

const RECORD_JOINS = `FROM records r
  LEFT JOIN users cu ON cu.id = r.created_by LEFT JOIN users uu ON uu.id = r.updated_by
  LEFT JOIN bodies b ON b.id = r.body_id LEFT JOIN departments d ON d.id = r.department_id`;

export async function getRecord(db: Queryable, id: number): Promise<KnowledgeRecord | undefined> {
  const row = await queryOne<KnowledgeRecord>(db, `SELECT ${RECORD_COLUMNS} ${RECORD_JOINS} WHERE r.id = $1`, [id]);
  return row && { ...row, charts: row.data.charts ?? [] };
}

export async function getSections(db: Queryable, recordId: number): Promise<SectionRow[]> {
  return db.query<SectionRow>(
    `SELECT anchor, parent_anchor AS "parentAnchor", depth, kind, locator, caption, text
       FROM record_sections WHERE record_id = $1 ORDER BY position`,
    [recordId],
  );
}
