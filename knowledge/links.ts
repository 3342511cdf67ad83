import type { Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { UserFacingError } from "../lib/errors";

export type LinkEndType = "record" | "decision" | "clause";

export interface LinkEnd {
  type: LinkEndType;
  id: number;
  anchor?: string | null;
}

export interface LinkView {
  id: number;
  /** The other end, as the page showing this link sees it. */
  other: { type: LinkEndType; id: number; anchor: string | null; title: string; kind: string | null; partLabel: string | null };
  /** The part of this record the link starts or ends at. */
  hereAnchor: string | null;
  hereLabel: string | null;
  reason: string;
  createdBy: string | null;
  createdAt: Date;
}

export const MAX_REASON = 1000;

async function partLabel(db: Queryable, end: LinkEnd): Promise<string> {
  if (!end.anchor) return "";
  if (end.type === "record") {
    const section = await queryOne<{ locator: string }>(
      db,
      "SELECT locator FROM record_sections WHERE record_id = $1 AND anchor = $2",
      [end.id, end.anchor],
    );
    if (!section) throw new UserFacingError("指定された箇所が見つかりません。記録を開き直して、箇所を選び直してください。", 400);
    return section.locator;
  }
  return end.anchor;
}

async function assertExists(db: Queryable, end: LinkEnd) {
  const table = end.type === "record" ? "records" : end.type === "decision" ? "decisions" : null;
  if (!table) return; // clause ends are checked by the drafting module when it exists
  const found = await queryOne(db, `SELECT 1 FROM ${table} WHERE id = $1`, [end.id]);
  if (!found) throw new UserFacingError("リンク先の記録が見つかりません。削除された可能性があります。", 404, "not_found");
}

/** Links two things (or parts of them) with a reason; the target's label is kept for later. */
export async function addLink(db: Queryable, from: LinkEnd, to: LinkEnd, reason: string, actorId: number | null): Promise<number> {
  const trimmed = reason.trim();
  if (trimmed.length > MAX_REASON) throw new UserFacingError(`理由は${MAX_REASON}文字以内にしてください。`);
  if (from.type === to.type && from.id === to.id && (from.anchor ?? null) === (to.anchor ?? null)) {
    throw new UserFacingError("同じ箇所どうしはリンクできません。別の記録か箇所を選んでください。");
  }
  await assertExists(db, from);
  await assertExists(db, to);
  await partLabel(db, from);
  const label = await partLabel(db, to);
  const duplicate = await queryOne(
    db,
    `SELECT 1 FROM links WHERE from_type = $1 AND from_id = $2 AND from_anchor IS NOT DISTINCT FROM $3
       AND to_type = $4 AND to_id = $5 AND to_anchor IS NOT DISTINCT FROM $6`,
    [from.type, from.id, from.anchor ?? null, to.type, to.id, to.anchor ?? null],
  );
  if (duplicate) throw new UserFacingError("このリンクは既に登録されています。", 409, "conflict");
  const row = await queryOne<{ id: number }>(
    db,
    `INSERT INTO links (from_type, from_id, from_anchor, to_type, to_id, to_anchor, to_label, reason, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [from.type, from.id, from.anchor ?? null, to.type, to.id, to.anchor ?? null, label, trimmed, actorId],
  );
  return row!.id;
}

export async function removeLink(db: Queryable, linkId: number): Promise<void> {
  await db.query("DELETE FROM links WHERE id = $1", [linkId]);
}

type LinkRow = {
  id: number; otherType: LinkEndType; otherId: number; otherAnchor: string | null; hereAnchor: string | null;
  savedLabel: string; reason: string; createdBy: string | null; createdAt: Date;
  title: string | null; kind: string | null; currentLabel: string | null; hereLabel: string | null;
};

function view(row: LinkRow, savedIsOther: boolean): LinkView {
  const fallback = savedIsOther ? row.savedLabel : null;
  return {
    id: row.id,
    other: {
      type: row.otherType,
      id: row.otherId,
      anchor: row.otherAnchor,
      title: row.title ?? "（削除された記録）",
      kind: row.kind,
      partLabel: row.otherAnchor ? (row.currentLabel ?? fallback ?? row.otherAnchor) : null,
    },
    hereAnchor: row.hereAnchor,
    hereLabel: row.hereAnchor ? (row.hereLabel ?? (savedIsOther ? null : row.savedLabel)) : null,
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

const OTHER_TITLE = (t: string, i: string) => `CASE ${t} WHEN 'record' THEN (SELECT title FROM records WHERE id = ${i})
  WHEN 'decision' THEN (SELECT left(text, 80) FROM decisions WHERE id = ${i}) END`;

/** Links that start at this record (or its parts). */
export async function linksFrom(db: Queryable, type: LinkEndType, id: number): Promise<LinkView[]> {
  const rows = await db.query<LinkRow>(
    `SELECT l.id, l.to_type AS "otherType", l.to_id AS "otherId", l.to_anchor AS "otherAnchor",
            l.from_anchor AS "hereAnchor", l.to_label AS "savedLabel", l.reason, u.display_name AS "createdBy",
            l.created_at AS "createdAt", ${OTHER_TITLE("l.to_type", "l.to_id")} AS title,
            (SELECT kind FROM records WHERE l.to_type = 'record' AND id = l.to_id) AS kind,
            (SELECT locator FROM record_sections WHERE l.to_type = 'record' AND record_id = l.to_id AND anchor = l.to_anchor) AS "currentLabel",
            (SELECT locator FROM record_sections WHERE $1 = 'record' AND record_id = l.from_id AND anchor = l.from_anchor) AS "hereLabel"
       FROM links l LEFT JOIN users u ON u.id = l.created_by
      WHERE l.from_type = $1 AND l.from_id = $2 ORDER BY l.id`,
    [type, id],
  );
  return rows.map((r) => view(r, true));
}

/** Backlinks: links from elsewhere that point at this record (or its parts). */
export async function linksTo(db: Queryable, type: LinkEndType, id: number): Promise<LinkView[]> {
  const rows = await db.query<LinkRow>(
    `SELECT l.id, l.from_type AS "otherType", l.from_id AS "otherId", l.from_anchor AS "otherAnchor",
            l.to_anchor AS "hereAnchor", l.to_label AS "savedLabel", l.reason, u.display_name AS "createdBy",
            l.created_at AS "createdAt", ${OTHER_TITLE("l.from_type", "l.from_id")} AS title,
            (SELECT kind FROM records WHERE l.from_type = 'record' AND id = l.from_id) AS kind,
            (SELECT locator FROM record_sections WHERE l.from_type = 'record' AND record_id = l.from_id AND anchor = l.from_anchor) AS "currentLabel",
            (SELECT locator FROM record_sections WHERE $1 = 'record' AND record_id = l.to_id AND anchor = l.to_anchor) AS "hereLabel"
       FROM links l LEFT JOIN users u ON u.id = l.created_by
      WHERE l.to_type = $1 AND l.to_id = $2 ORDER BY l.id`,
    [type, id],
  );
  return rows.map((r) => view(r, false));
}
