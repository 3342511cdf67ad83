import type { LoaderFunctionArgs } from "@remix-run/node";
import { RECORD_KIND_LABELS } from "../../knowledge/kinds";
import { requirePermission } from "../lib/auth.server";
import { hitHref } from "../lib/search-links";

const KIND_LABELS: Record<string, string> = { ...RECORD_KIND_LABELS, decision: "決定事項" };

/** The header's instant results: the first few hits for what has been typed so far. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "record.read");
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 1000);
  if (!q.trim()) return Response.json({ total: 0, hits: [] });
  const result = await context.services.search.engine.search({ query: q, pageSize: 8 });
  return Response.json({
    total: result.total,
    totalIsLowerBound: result.totalIsLowerBound,
    notice: result.notice ?? null,
    hits: result.hits.map((h) => ({
      id: h.id,
      href: hitHref(h),
      // What a clause's evidence form needs to attach this hit.
      sourceType: h.sourceType,
      sourceId: h.sourceId,
      recordId: h.recordId,
      anchor: h.anchor,
      title: h.title,
      locator: h.locator,
      kindLabel: KIND_LABELS[h.kind] ?? h.kind,
      snippet: h.snippet,
    })),
  });
}
