import { can, type Actor } from "../auth/policy";
import type { Database, Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { loadDraftDoc } from "../drafting/drafts";
import { publishLiveEvent } from "../drafting/live-events";
import { addLink, linksFrom, removeLink, type LinkView } from "../knowledge/links";
import { UserFacingError } from "../lib/errors";
import { clausesOf } from "../drafting/clauses";

// 根拠資料: a clause's evidence in the knowledge base (the survey figure, the minutes where it
// was decided, the national law's article), each with a reason. Stored as links whose
// source is the clause: type 'clause', id = the draft, anchor = the clause's node id.

function mayAttach(actor: Actor): boolean {
  return can(actor, "draft.edit") || can(actor, "record.write");
}

export interface EvidenceTarget {
  type: "record" | "decision";
  id: number;
  /** A part of a record (its section anchor). */
  anchor?: string | null;
}

export async function addClauseEvidence(
  db: Database,
  actor: Actor,
  input: { draftId: number; clauseId: string; target: EvidenceTarget; reason: string },
): Promise<number> {
  if (!mayAttach(actor)) throw new UserFacingError("根拠資料を付けられるのはPTメンバーと職員です。", 403, "forbidden");
  const { draft, doc } = await loadDraftDoc(db, input.draftId);
  if (!clausesOf(doc, draft.numberingStyle).has(input.clauseId)) {
    throw new UserFacingError("指定された条項はこの条例案にありません。画面を再読み込みしてから選び直してください。", 400, "no_clause");
  }
  const id = await addLink(db, { type: "clause", id: input.draftId, anchor: input.clauseId }, { type: input.target.type, id: input.target.id, anchor: input.target.anchor ?? null }, input.reason, actor.id);
  await publishLiveEvent(db, { type: "draft.evidence", draftId: input.draftId });
  return id;
}

export async function removeClauseEvidence(db: Database, actor: Actor, draftId: number, linkId: number): Promise<void> {
  if (!mayAttach(actor)) throw new UserFacingError("根拠資料を外せるのはPTメンバーと職員です。", 403, "forbidden");
  const link = await queryOne(db, "SELECT 1 FROM links WHERE id = $1 AND from_type = 'clause' AND from_id = $2", [linkId, draftId]);
  if (!link) throw new UserFacingError("この根拠資料は見つかりません。すでに外された可能性があります。", 404, "not_found");
  await removeLink(db, linkId);
  await publishLiveEvent(db, { type: "draft.evidence", draftId });
}

/** Every clause's evidence, by clause id. */
export async function clauseEvidence(db: Database, draftId: number): Promise<Record<string, LinkView[]>> {
  const byClause: Record<string, LinkView[]> = {};
  for (const link of await linksFrom(db, "clause", draftId)) (byClause[link.hereAnchor ?? ""] ??= []).push(link);
  return byClause;
}

/**
 * For a record's backlinks: names each clause end by its address as numbered now (or says
 * the clause was deleted), which the link itself cannot know.
 */
export async function nameClauseEnds(db: Queryable, links: LinkView[]): Promise<LinkView[]> {
  const drafts = new Map<number, Map<string, string>>();
  for (const link of links) {
    if (link.other.type !== "clause" || drafts.has(link.other.id)) continue;
    try {
      const { draft, doc } = await loadDraftDoc(db, link.other.id);
      drafts.set(link.other.id, new Map([...clausesOf(doc, draft.numberingStyle).values()].map((c) => [c.id, c.address])));
    } catch {
      drafts.set(link.other.id, new Map());
    }
  }
  return links.map((link) =>
    link.other.type === "clause"
      ? { ...link, other: { ...link.other, partLabel: drafts.get(link.other.id)?.get(link.other.anchor ?? "") ?? "削除された条項" } }
      : link,
  );
}
