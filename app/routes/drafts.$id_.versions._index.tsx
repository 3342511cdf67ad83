import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { can } from "../../auth/policy";
import { isUserFacingError } from "../../lib/errors";
import { requirePermission } from "../lib/auth.server";
import { getDraft } from "../lib/drafts.server";
import { formatDateTime } from "../lib/format";
import { idParam, notFound } from "../lib/params";
import { TextSelect } from "../components/shinkyu/TextSelect";
import { CURRENT_TEXT_LABEL, listVersions, saveVersion, VERSION_STAGES } from "../lib/versions.server";

// The versions (版) of a draft: the list, saving a new one (PT), and choosing two texts to
// compare in a 新旧対照表. `$id_` keeps the page out of the editor's layout.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `版の一覧 ${data?.draft.title ?? ""} | Kizuna（絆）` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "draft.read");
  const draft = await getDraft(context.services.db, idParam(params.id));
  if (!draft) throw notFound();
  const versions = await listVersions(context.services.db, draft.id);
  // Constants from server modules travel with the data: the browser bundle has no *.server code.
  return { draft: { id: draft.id, title: draft.title }, versions, canSave: can(user, "draft.edit"), stages: VERSION_STAGES, currentLabel: CURRENT_TEXT_LABEL };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "draft.edit");
  const form = await request.formData();
  const label = String(form.get("label") ?? "");
  const note = String(form.get("note") ?? "");
  try {
    const version = await saveVersion(context.services.db, idParam(params.id), { label, note }, user.id);
    return { ok: true as const, message: `「${version.label}」を保存しました。`, label: "", note: "" };
  } catch (error) {
    // The person's input comes back with the reason, so nothing typed is lost.
    if (isUserFacingError(error)) return data({ ok: false as const, message: error.message, label, note }, { status: error.status });
    throw error;
  }
}

export default function DraftVersions() {
  const { draft, versions, canSave, stages, currentLabel } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const latest = versions.at(-1);
  const previous = versions.at(-2);
  return (
    <article className="versions-page">
      <nav aria-label="パンくずリスト" className="breadcrumbs">
        <Link to="/drafts">条例案</Link> › <Link to={`/drafts/${draft.id}`}>{draft.title}</Link>
      </nav>
      <h1>版の一覧</h1>
      <p className="muted">版は、その時点の条文を変更できない形で残したものです。二つの版（または現在の条文）を選ぶと、新旧対照表と改め文を作れます。</p>

      {versions.length === 0 ? (
        <p className="empty-state">
          まだ版はありません。{canSave ? "下の「版を保存」で、いまの条文を第1次案などとして残せます。" : "PTメンバーが第1次案などの版を保存すると、ここに並びます。"}
        </p>
      ) : (
        <table className="data-table versions-table">
          <caption className="visually-hidden">保存された版</caption>
          <thead>
            <tr>
              <th scope="col">版</th>
              <th scope="col">保存日時</th>
              <th scope="col">保存した人</th>
              <th scope="col">メモ</th>
              <th scope="col">
                <span className="visually-hidden">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...versions].reverse().map((v) => (
              <tr key={v.id}>
                <th scope="row">
                  <Link to={`/drafts/${draft.id}/versions/${v.id}`}>{v.label}</Link>
                </th>
                <td>{formatDateTime(v.createdAt)}</td>
                <td>{v.createdBy ?? "—"}</td>
                <td className="version-note">{v.note ?? ""}</td>
                <td>
                  <Link to={`/drafts/${draft.id}/compare?from=${v.id}&to=current`}>現在の条文と比べる</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {versions.length > 0 ? (
        <section className="panel" aria-labelledby="compare-heading">
          <h2 id="compare-heading">新旧対照表を作る</h2>
          {/* Keyed by the newest version, so that saving one moves the defaults to it. */}
          <Form method="get" action={`/drafts/${draft.id}/compare`} className="form-grid" key={latest?.id}>
            <TextSelect id="compare-from" name="from" label="改正前（比べる元）" versions={versions} defaultValue={String((previous ?? latest)!.id)} />
            <TextSelect
              id="compare-to"
              name="to"
              label="改正後（比べる先）"
              versions={versions}
              currentLabel={currentLabel}
              defaultValue={previous ? String(latest!.id) : "current"}
            />
            <div className="field field-actions">
              <button type="submit" className="button-primary">
                新旧対照表を表示
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {canSave ? (
        <section className="panel" aria-labelledby="save-heading">
          <h2 id="save-heading">版を保存</h2>
          <p className="muted">保存されるのは、いま保存済みになっている条文です。保存した版はあとから変わりません。</p>
          {result ? (
            <p className={result.ok ? "form-success" : "form-error"} role={result.ok ? "status" : "alert"}>
              {result.message}
            </p>
          ) : null}
          <Form method="post" className="form-grid" key={result?.ok ? `saved-${versions.length}` : "form"}>
            <div className="field">
              <label htmlFor="version-label">版の名前</label>
              <input
                id="version-label"
                name="label"
                list="version-stages"
                required
                maxLength={100}
                defaultValue={result?.ok === false ? result.label : ""}
                placeholder="第1次案"
                aria-describedby="version-label-hint"
              />
              <datalist id="version-stages">
                {stages.map((stage) => (
                  <option key={stage} value={stage} />
                ))}
              </datalist>
              <p id="version-label-hint" className="hint">
                例：第1次案、研究会提示案、パブコメ案、最終案
              </p>
            </div>
            <div className="field field-wide">
              <label htmlFor="version-note">メモ（任意）</label>
              <textarea id="version-note" name="note" rows={2} maxLength={2000} defaultValue={result?.ok === false ? result.note : ""} />
            </div>
            <div className="field field-actions">
              <button type="submit" className="button-primary" disabled={busy}>
                {busy ? "保存しています…" : "この時点の条文を版として保存"}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </article>
  );
}
