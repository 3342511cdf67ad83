import type { LoaderFunctionArgs } from "@remix-run/node";
import { isUserFacingError } from "../../lib/errors";
import { requirePermission } from "../lib/auth.server";
import { exportResponseTable, isResponseExportFormat, parsePeriod, responseTable } from "../lib/comments.server";
import { idParam, notFound, positiveInt } from "../lib/params";

/** The 意見対応表 as a file: ?format=csv|xlsx|docx&from=&to=&version=&anonymise=1. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "draft.read");
  const draftId = idParam(params.id);
  const query = new URL(request.url).searchParams;
  const format = query.get("format");
  if (!isResponseExportFormat(format)) return refuse("書き出し形式は csv、xlsx、docx のいずれかを指定してください。");
  try {
    const period = parsePeriod({ from: query.get("from"), to: query.get("to") });
    const table = await responseTable(context.services.db, user, draftId, { ...period, versionId: positiveInt(query.get("version")), anonymise: query.get("anonymise") === "1" });
    const file = await exportResponseTable(table, format);
    return new Response(Buffer.from(file.body), {
      headers: {
        "Content-Type": file.mediaType,
        // The names are ASCII today; filename* keeps the header right if they ever carry Japanese.
        "Content-Disposition": `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (isUserFacingError(error) && error.status === 404) throw notFound();
    if (isUserFacingError(error)) return refuse(error.message, error.status);
    throw error;
  }
}

/** A download link opened with a bad query: the reason, readable in the browser tab. */
function refuse(message: string, status = 400) {
  return new Response(`${message}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" },
  });
}
