import type { Queryable } from "../../db/database";
import { parseBody, type Block } from "../../knowledge/body";
import { listDecisions } from "../../knowledge/decisions";
import { linksFrom, linksTo } from "../../knowledge/links";
import { nameClauseEnds } from "../../comments/evidence";
import { getRecord, getSections, type KnowledgeRecord } from "../../knowledge/records";
import { RECORD_KIND_LABELS, type RecordKind } from "../../knowledge/kinds";

export interface PageSection {
  anchor: string;
  parentAnchor: string | null;
  depth: number;
  kind: string;
  locator: string;
  caption: string | null;
  blocks: Block[];
}

/** Everything the record page shows, gathered in one place so the route stays thin. */
export async function loadRecordPage(db: Queryable, id: number, linkTarget: number | null) {
  const record = await getRecord(db, id);
  if (!record) return null;
  const sections: PageSection[] =
    record.kind === "law"
      ? (await getSections(db, id)).map((s) => ({ ...s, blocks: s.text ? [{ type: "paragraph", text: s.text }] : [] }))
      : parseBody(record.bodyText);
  const [outgoing, incoming, decisionsFrom, decisionsAbout, candidates] = await Promise.all([
    linksFrom(db, "record", id),
    linksTo(db, "record", id).then((links) => nameClauseEnds(db, links)),
    listDecisions(db, { sourceRecordId: id }),
    listDecisions(db, { concernsRecordId: id }),
    db.query<{ id: number; title: string; kind: RecordKind }>("SELECT id, title, kind FROM records WHERE id <> $1 ORDER BY kind, title", [id]),
  ]);
  const target = linkTarget ? await getRecord(db, linkTarget) : null;
  const targetSections = target ? (await getSections(db, target.id)).map((s) => ({ anchor: s.anchor, locator: s.locator, depth: s.depth })) : [];
  const measures = record.kind === "minutes" ? candidates.filter((c) => c.kind === "measure") : [];
  return {
    record: publicRecord(record),
    sections,
    outgoing,
    incoming,
    decisionsFrom,
    decisionsAbout: decisionsAbout.filter((d) => d.sourceRecordId !== id),
    linkCandidates: candidates.map((c) => ({ ...c, kindLabel: RECORD_KIND_LABELS[c.kind] })),
    linkTarget: target ? { id: target.id, title: target.title, sections: targetSections } : null,
    measures,
  };
}

function publicRecord(r: KnowledgeRecord) {
  return { ...r, data: { lawNum: typeof r.data.lawNum === "string" ? r.data.lawNum : null } };
}
