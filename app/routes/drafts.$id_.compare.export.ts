import type { LoaderFunctionArgs } from "@remix-run/node";
import { isUserFacingError } from "../../lib/errors";
import { requirePermission } from "../lib/auth.server";
import { getDraft } from "../lib/drafts.server";
import { idParam, notFound } from "../lib/params";
import { compareDraftTexts, parseTextRef, shinkyuSettingsFrom, shinkyuToDocx } from "../lib/versions.server";

// The 新旧対照表 as a Word file (A4 landscape, header row repeated on every page).

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, "draft.read");
  const db = context.services.db;
  const draft = await getDraft(db, idParam(params.id));
  if (!draft) throw notFound();
  const query = new URL(request.url).searchParams;
  const from = parseTextRef(query.get("from"));
  const to = parseTextRef(query.get("to"));
  if (from === undefined || to === undefined || query.get("format") !== "docx") {
    return new Response("比べる二つの条文（from と to）と形式（format=docx）を指定してください。", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  try {
    const comparison = await compareDraftTexts(db, draft.id, from, to, shinkyuSettingsFrom(query));
    const title = `${comparison.before.label}と${comparison.after.label}の新旧対照表`;
    const body = await shinkyuToDocx(comparison.table, { title, subtitle: draft.title });
    const fileName = `shinkyu-${draft.id}-${comparison.before.versionId ?? "current"}-${comparison.after.versionId ?? "current"}.docx`;
    return new Response(Buffer.from(body), {
      headers: {
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Content-Disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(`新旧対照表_${comparison.before.label}_${comparison.after.label}.docx`)}`,
      },
    });
  } catch (error) {
    if (isUserFacingError(error)) return new Response(error.message, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
