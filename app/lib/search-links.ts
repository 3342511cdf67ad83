import type { SearchHit } from "../../search/engine";

/** Where a hit opens: the record at the part that matched, or the decision in its list. */
export function hitHref(hit: Pick<SearchHit, "sourceType" | "sourceId" | "recordId" | "anchor">): string {
  if (hit.sourceType === "decision") return `/decisions#decision-${hit.sourceId}`;
  if (hit.recordId) return `/knowledge/${hit.recordId}${hit.anchor ? `#${encodeURIComponent(hit.anchor)}` : ""}`;
  return "/";
}
