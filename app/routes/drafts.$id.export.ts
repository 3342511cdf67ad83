import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { requirePermission } from "../lib/auth.server";
import { exportDraft, type DraftExportFormat } from "../lib/drafts.server";
import { idParam } from "../lib/params";

const FORMATS: DraftExportFormat[] = ["egov-xml", "text", "docx"];

/** The draft as a file: e-Gov XML, printed text, or Word in the official layout. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, "draft.read");
  const format = new URL(request.url).searchParams.get("format") as DraftExportFormat;
  if (!FORMATS.includes(format)) throw data({ message: "書き出し形式は egov-xml、text、docx のいずれかです。" }, { status: 400 });
  const file = await exportDraft(context.services.db, idParam(params.id), format);
  return new Response(typeof file.body === "string" ? file.body : Buffer.from(file.body), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
