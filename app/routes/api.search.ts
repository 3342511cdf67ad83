import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../lib/auth.server";
import { RateLimitedError, retryAfter, spendRate } from "../lib/rate-limit.server";
import { hitHref, hitKindLabel, KNOWLEDGE_HIT_KINDS } from "../../lib/search-links";

/**
 * The header's instant results: the first few hits for what has been typed so far. With
 * scope=knowledge (a clause's evidence search), only records and decisions.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "record.read");
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").slice(0, 1000);
  if (!q.trim()) return Response.json({ total: 0, hits: [] });
  try {
    spendRate(context, "search", user.id);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    return Response.json({ total: 0, hits: [], notice: error.message, error: error.message }, { status: 429, headers: retryAfter(error) });
  }
  const filters = params.get("scope") === "knowledge" ? { kinds: [...KNOWLEDGE_HIT_KINDS] } : {};
  const result = await context.services.search.engine.search({ query: q, pageSize: 8, filters });
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
      kindLabel: hitKindLabel(h.kind),
      snippet: h.snippet,
    })),
  });
}
