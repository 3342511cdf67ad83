import type { Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { UserFacingError } from "../lib/errors";
import { fiscalYearOf } from "../search/wareki";
import { addLink } from "./links";
import { enqueueIndex } from "../search/outbox";

export interface DecisionInput {
  text: string;
  decidedOn: string;
  bodyId: number | null;
  sourceRecordId: number | null;
  sourceAnchor?: string | null;
  /** Records the decision concerns (usually measures). */
  concerns?: number[];
  seedKey?: string;
}

export interface Decision {
  id: number;
  text: string;
  decidedOn: string;
  fiscalYear: number;
  bodyId: number | null;
  bodyName: string | null;
  sourceRecordId: number | null;
  sourceTitle: string | null;
  sourceAnchor: string | null;
  sourceLocator: string | null;
  concerns: { id: number; title: string; kind: string }[];
}

export const MAX_DECISION = 4000;

export async function createDecision(db: Queryable, input: DecisionInput, actorId: number | null): Promise<number> {
  const text = input.text.trim();
  if (!text) throw new UserFacingError("決定事項の内容を入力してください。");
  if (text.length > MAX_DECISION) throw new UserFacingError(`決定事項は${MAX_DECISION}文字以内にしてください。`);
  const fiscalYear = /^\d{4}-\d{2}-\d{2}$/.test(input.decidedOn) ? fiscalYearOf(input.decidedOn) : null;
  if (fiscalYear === null) throw new UserFacingError("決定日を正しく入力してください(例: 令和5年6月21日)。");
  const row = await queryOne<{ id: number }>(
    db,
    `INSERT INTO decisions (text, decided_on, fiscal_year, body_id, source_record_id, source_anchor, seed_key, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [text, input.decidedOn, fiscalYear, input.bodyId, input.sourceRecordId, input.sourceAnchor ?? null, input.seedKey ?? null, actorId],
  );
  const id = row!.id;
  await enqueueIndex(db, "decision", id);
  for (const recordId of input.concerns ?? []) {
    await addLink(db, { type: "decision", id }, { type: "record", id: recordId }, "決定事項の対象", actorId);
  }
  return id;
}

export interface DecisionFilters {
  bodyId?: number;
  fiscalYear?: number;
  sourceRecordId?: number;
  concernsRecordId?: number;
}

export async function listDecisions(db: Queryable, filters: DecisionFilters = {}): Promise<Decision[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (filters.bodyId) add("d.body_id = ?", filters.bodyId);
  if (filters.fiscalYear) add("d.fiscal_year = ?", filters.fiscalYear);
  if (filters.sourceRecordId) add("d.source_record_id = ?", filters.sourceRecordId);
  if (filters.concernsRecordId) {
    add("EXISTS (SELECT 1 FROM links l WHERE l.from_type = 'decision' AND l.from_id = d.id AND l.to_type = 'record' AND l.to_id = ?)", filters.concernsRecordId);
  }
  return db.query<Decision>(
    `SELECT d.id, d.text, to_char(d.decided_on, 'YYYY-MM-DD') AS "decidedOn", d.fiscal_year AS "fiscalYear",
            d.body_id AS "bodyId", b.name AS "bodyName", d.source_record_id AS "sourceRecordId",
            r.title AS "sourceTitle", d.source_anchor AS "sourceAnchor", s.locator AS "sourceLocator",
            COALESCE((SELECT json_agg(json_build_object('id', c.id, 'title', c.title, 'kind', c.kind) ORDER BY c.id)
                        FROM links l JOIN records c ON c.id = l.to_id
                       WHERE l.from_type = 'decision' AND l.from_id = d.id AND l.to_type = 'record'), '[]'::json) AS concerns
       FROM decisions d
       LEFT JOIN bodies b ON b.id = d.body_id
       LEFT JOIN records r ON r.id = d.source_record_id
       LEFT JOIN record_sections s ON s.record_id = d.source_record_id AND s.anchor = d.source_anchor
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY d.decided_on DESC, d.id DESC`,
    params,
  );
}
