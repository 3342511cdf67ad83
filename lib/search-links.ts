import { RECORD_KIND_LABELS } from "../knowledge/kinds";
import type { SearchHit } from "../search/engine";

/** The kinds of search hits as people call them (facets, badges, the CLI). */
export const HIT_KIND_LABELS: Readonly<Record<string, string>> = { ...RECORD_KIND_LABELS, decision: "決定事項", clause: "条例案", comment: "意見" };

/** The kinds in the knowledge base: what a clause's evidence (根拠資料) may point at. */
export const KNOWLEDGE_HIT_KINDS: readonly string[] = Object.keys(HIT_KIND_LABELS).filter((kind) => kind !== "clause" && kind !== "comment");

export function hitKindLabel(kind: string): string {
  return HIT_KIND_LABELS[kind] ?? kind;
}

/**
 * Where a hit opens: the record at the part that matched, the decision in its list, the
 * draft at the clause, or the draft with the comment's thread open beside it.
 */
export function hitHref(hit: Pick<SearchHit, "sourceType" | "sourceId" | "recordId" | "draftId" | "anchor">): string {
  const at = hit.anchor ? `#${encodeURIComponent(hit.anchor)}` : "";
  if (hit.sourceType === "decision") return `/decisions#decision-${hit.sourceId}`;
  if (hit.draftId) return `/drafts/${hit.draftId}${at}`;
  if (hit.recordId) return `/knowledge/${hit.recordId}${at}`;
  return "/";
}
