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
      // A clause end's anchor is a node id, meaningless to a reader; its draft's page places it.
      partLabel: row.otherAnchor && row.otherType !== "clause" ? (row.currentLabel ?? fallback ?? row.otherAnchor) : null,
    },
    hereAnchor: row.hereAnchor,
    hereLabel: row.hereAnchor ? (row.hereLabel ?? (savedIsOther ? null : row.savedLabel)) : null,
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

const OTHER_TITLE = (t: string, i: string) => `CASE ${t} WHEN 'record' THEN (SELECT title FROM records WHERE id = ${i})
  WHEN 'decision' THEN (SELECT left(text, 80) FROM decisions WHERE id = ${i})
  WHEN 'clause' THEN (SELECT title FROM drafts WHERE id = ${i}) END`;

/**
 * The links of one end: "from" lists links that start here, "to" the backlinks that point
 * here. Each row describes the other end, and the part of this end it touches.
 */
async function linksOf(db: Queryable, side: "from" | "to", type: LinkEndType, id: number): Promise<LinkView[]> {
  const [here, other] = side === "from" ? ["from", "to"] : ["to", "from"];
  const rows = await db.query<LinkRow>(
    `SELECT l.id, l.${other}_type AS "otherType", l.${other}_id AS "otherId", l.${other}_anchor AS "otherAnchor",
            l.${here}_anchor AS "hereAnchor", l.to_label AS "savedLabel", l.reason, u.display_name AS "createdBy",
            l.created_at AS "createdAt", ${OTHER_TITLE(`l.${other}_type`, `l.${other}_id`)} AS title,
            (SELECT kind FROM records WHERE l.${other}_type = 'record' AND id = l.${other}_id) AS kind,
            (SELECT locator FROM record_sections WHERE l.${other}_type = 'record' AND record_id = l.${other}_id AND anchor = l.${other}_anchor) AS "currentLabel",
            (SELECT locator FROM record_sections WHERE $1 = 'record' AND record_id = l.${here}_id AND anchor = l.${here}_anchor) AS "hereLabel"
       FROM links l LEFT JOIN users u ON u.id = l.created_by
      WHERE l.${here}_type = $1 AND l.${here}_id = $2 ORDER BY l.id`,
    [type, id],
  );
  // The saved label belongs to the link's target: the other end for links, this end for backlinks.
  return rows.map((r) => view(r, side === "from"));
}

/** Links that start at this record (or its parts). */
export function linksFrom(db: Queryable, type: LinkEndType, id: number): Promise<LinkView[]> {
  return linksOf(db, "from", type, id);
}

/** Backlinks: links from elsewhere that point at this record (or its parts). */
export function linksTo(db: Queryable, type: LinkEndType, id: number): Promise<LinkView[]> {
  return linksOf(db, "to", type, id);
}
