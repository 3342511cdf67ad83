import type { LoaderFunctionArgs } from "@remix-run/node";
import { queryOne } from "../../db/database";
import { requirePermission } from "../lib/auth.server";
import { idParam, notFound } from "../lib/params";

/**
 * The original file a record was imported from, exactly as uploaded. Always sent as an
 * attachment, so a crafted file can never render as a page of this site.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, "record.read");
  const file = await queryOne<{ name: string; mediaType: string; content: Uint8Array }>(
    context.services.db,
    `SELECT name, media_type AS "mediaType", content FROM files
      WHERE id = $1 AND EXISTS (SELECT 1 FROM records WHERE source_file_id = files.id)`,
    [idParam(params.id)],
  );
  if (!file) throw notFound();
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(Buffer.from(file.content), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
