import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { can } from "../../auth/policy";
import { isUserFacingError } from "../../lib/errors";
import { requirePermission } from "../lib/auth.server";
import { formatDateTime } from "../lib/format";
import { createDraft, importDraftXml, listDrafts } from "../lib/drafts.server";
import { retryAfter, spendRate } from "../lib/rate-limit.server";
import { filesOf, readUploadForm } from "../lib/uploads.server";

export const meta: MetaFunction = () => [{ title: "条例案 | Kizuna（絆）" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "draft.read");
  return { drafts: await listDrafts(context.services.db), canCreate: can(user, "draft.create") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "draft.create");
  try {
    // Creating or importing a draft counts as one imported file.
    spendRate(context, "import", user.id);
    const form = await readUploadForm(request);
    const title = String(form.get("title") ?? "");
    const style = form.get("numberingStyle") === "vertical" ? "vertical" : "horizontal";
    const [file] = await filesOf(form);
    const draftId = file
      ? (await importDraftXml(context.services.db, new TextDecoder().decode(file.bytes), { title, fileName: file.fileName }, user.id)).draftId
      : await createDraft(context.services.db, { title, numberingStyle: style }, user.id);
    return redirect(`/drafts/${draftId}`);
  } catch (error) {
    if (isUserFacingError(error)) return data({ message: error.message }, { status: error.status, headers: retryAfter(error) });
    throw error;
  }
}

export default function Drafts() {
  const { drafts, canCreate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>条例案</h1>
      {drafts.length === 0 ? (
        <p className="empty-state">まだ条例案はありません。</p>
      ) : (
        <ul className="record-list">
          {drafts.map((d) => (
            <li key={d.id}>
              <div className="record-meta">
                <span className="kind-badge">条例案</span>
                <span>{d.numberingStyle === "vertical" ? "縦書き（国の法令の番号）" : "横書き（県の例規の番号）"}</span>
                <span>更新 {formatDateTime(d.updatedAt)}</span>
              </div>
              <h3>
                <Link to={`/drafts/${d.id}`}>{d.title}</Link>
              </h3>
            </li>
          ))}
        </ul>
      )}
      {canCreate ? (
        <section className="panel" aria-labelledby="new-draft">
          <h2 id="new-draft">新しい条例案</h2>
          {result?.message ? (
            <p className="form-error" role="alert">
              {result.message}
            </p>
          ) : null}
          <Form method="post" encType="multipart/form-data" className="form-grid">
            <div className="field field-wide">
              <label htmlFor="draft-title">題名</label>
              <input id="draft-title" name="title" maxLength={300} placeholder="XMLから作るときは省略できます" />
            </div>
            <div className="field">
              <label htmlFor="draft-style">番号の付け方</label>
              <select id="draft-style" name="numberingStyle" defaultValue="horizontal">
                <option value="horizontal">横書き（第1条、2、(1)、ア）</option>
                <option value="vertical">縦書き（第一条、２、一、イ）</option>
              </select>
            </div>
            <div className="field field-wide">
              <label htmlFor="draft-file">e-Gov法令XMLから作る（任意）</label>
              <input id="draft-file" name="files" type="file" accept=".xml" />
            </div>
            <div className="field field-actions">
              <button type="submit" className="button-primary" disabled={busy}>
                作成する
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
