import type { ActionFunctionArgs } from "@remix-run/node";
import { isUserFacingError } from "../../lib/errors";
import { requirePermission } from "../lib/auth.server";
import { retryAfter, spendRate, spendRestOfUpload } from "../lib/rate-limit.server";
import { addToBatch } from "../lib/knowledge.server";
import { filesOf, readUploadForm } from "../lib/uploads.server";
import { postOnly } from "../lib/params";

export const loader = postOnly;

/** One file at a time from the bulk uploader, so the page can show progress. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "record.write");
  try {
    // One file's worth before the body is read, the rest once it is known how many came.
    spendRate(context, "import", user.id);
    const form = await readUploadForm(request);
    const batch = String(form.get("batch") ?? "");
    if (!/^[0-9a-f-]{36}$/.test(batch)) return Response.json({ error: "取り込みの識別子が正しくありません。ページを開き直してください。" }, { status: 400 });
    const files = await filesOf(form);
    spendRestOfUpload(context, user.id, files.length);
    const items = [];
    for (const file of files) items.push(await addToBatch(context.services.db, batch, file, user.id));
    return Response.json({ items: items.map(({ id, fileName, status, error }) => ({ id, fileName, status, error })) });
  } catch (error) {
    if (isUserFacingError(error)) return Response.json({ error: error.message }, { status: error.status, headers: retryAfter(error) });
    throw error;
  }
}
