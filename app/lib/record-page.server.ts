import type { Queryable } from "../../db/database";
import { parseBody, type Block } from "../../knowledge/body";
import { listDecisions } from "../../knowledge/decisions";
import { linksFrom, linksTo } from "../../knowledge/links";
import { nameClauseEnds } from "../../comments/evidence";
import { getRecord, getSections, type KnowledgeRecord } from "../../knowledge/records";
import { RECORD_KIND_LABELS, RECORD_KINDS, type RecordKind } from "../../knowledge/kinds";
import type { Highlighted, SearchEngine } from "../../search/engine";

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
  const [outgoing, incoming, decisionsFrom, decisionsAbout, measures] = await Promise.all([
    linksFrom(db, "record", id),
    linksTo(db, "record", id).then((links) => nameClauseEnds(db, links)),
    listDecisions(db, { sourceRecordId: id }),
    listDecisions(db, { concernsRecordId: id }),
    // A decision in minutes may name the measures it concerns.
    record.kind === "minutes" ? db.query<{ id: number; title: string }>("SELECT id, title FROM records WHERE kind = 'measure' ORDER BY title") : [],
  ]);
  const target = linkTarget && linkTarget !== id ? await getRecord(db, linkTarget) : null;
  const targetSections = target ? (await getSections(db, target.id)).map((s) => ({ anchor: s.anchor, locator: s.locator, depth: s.depth })) : [];
  return {
    record: publicRecord(record),
    sections,
    outgoing,
    incoming,
    decisionsFrom,
    decisionsAbout: decisionsAbout.filter((d) => d.sourceRecordId !== id),
    linkTarget: target ? { id: target.id, title: target.title, sections: targetSections } : null,
    measures,
  };
}

export interface LinkCandidate {
  id: number;
  title: Highlighted;
  kindLabel: string;
}

/**
 * Records to link to, found by what the person typed: the search engine (folding, synonyms,
 * part of a compound) over records only, one entry per record, this record left out. A
 * knowledge base of thousands of records cannot be offered as one list.
 */
export async function findLinkCandidates(search: SearchEngine, query: string, hereId: number): Promise<LinkCandidate[]> {
  const result = await search.search({ query, pageSize: LINK_CANDIDATES + 1, filters: { kinds: [...RECORD_KINDS] } });
  const seen = new Set<number>([hereId]);
  const candidates: LinkCandidate[] = [];
  for (const hit of result.hits) {
    if (hit.recordId === null || seen.has(hit.recordId)) continue;
    seen.add(hit.recordId);
    candidates.push({ id: hit.recordId, title: hit.title, kindLabel: RECORD_KIND_LABELS[hit.kind as RecordKind] ?? hit.kind });
  }
  return candidates.slice(0, LINK_CANDIDATES);
}

export const LINK_CANDIDATES = 20;

function publicRecord(r: KnowledgeRecord) {
  return { ...r, data: { lawNum: typeof r.data.lawNum === "string" ? r.data.lawNum : null } };
}
