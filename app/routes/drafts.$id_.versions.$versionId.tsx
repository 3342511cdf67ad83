import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { can } from "../../auth/policy";
import { isUserFacingError } from "../../lib/errors";
import { requirePermission } from "../lib/auth.server";
import { formatDateTime } from "../lib/format";
import { idParam, notFound } from "../lib/params";
import { loadVersionDoc, printedLines, restoreVersion } from "../lib/versions.server";

// One saved version, read-only, laid out as printed; PT members can restore it, which
// makes its text the current text again as a new change (nothing is rewritten).

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.version.label ?? "版"} ${data?.version.title ?? ""} | Kizuna（絆）` }];

async function versionOf(context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const draftId = idParam(params.id);
  const found = await loadVersionDoc(context.services.db, idParam(params.versionId)).catch((error) => {
    throw isUserFacingError(error) && error.status === 404 ? notFound() : error;
  });
  if (found.version.draftId !== draftId) throw notFound();
  return found;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "draft.read");
  const { version, doc } = await versionOf(context, params);
  const lines = printedLines(doc, version.numberingStyle).map(({ role, text, indent, wrapIndent }) => ({ role, text, indent, wrapIndent }));
  return { version, lines, canRestore: can(user, "draft.edit") };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "draft.edit");
  const { version } = await versionOf(context, params);
  try {
    const saved = await restoreVersion(context.services.db, version.draftId, version.id, user.id);
    return {
      ok: true,
      message: saved
        ? `「${version.label}」の条文に戻しました。編集画面を開いている人にもすぐ反映されます。戻す前の条文は版「${saved.label}」として保存したので、いつでも比べたり戻したりできます。`
        : `現在の条文は「${version.label}」と同じです。変更はありません。`,
    };
  } catch (error) {
    if (isUserFacingError(error)) return data({ ok: false, message: error.message }, { status: error.status });
    throw error;
  }
}

export default function DraftVersion() {
  const { version, lines, canRestore } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const base = `/drafts/${version.draftId}`;
  return (
    <article className="version-page">
      <nav aria-label="パンくずリスト" className="breadcrumbs">
        <Link to="/drafts">条例案</Link> › <Link to={base}>{version.title}</Link> › <Link to={`${base}/versions`}>版の一覧</Link>
      </nav>
      <header className="record-header">
        <h1>
          {version.label}
          <span className="version-readonly">（閲覧のみ）</span>
        </h1>
        <div className="page-actions">
          <Link className="button-link" to={`${base}/compare?from=${version.id}&to=current`}>
            現在の条文と比べる
          </Link>
          <button type="button" className="button-link" onClick={() => window.print()}>
            印刷
          </button>
        </div>
      </header>
      <p className="muted">
        {formatDateTime(version.createdAt)}に{version.createdBy ?? "不明な利用者"}が保存しました。
        {version.note ? `メモ：${version.note}` : ""}
      </p>
      {result ? (
        <p className={result.ok ? "form-success" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.message} {result.ok ? <Link to={base}>条例案を開く</Link> : null}
        </p>
      ) : null}
      <section className="printed-text" aria-label={`${version.label}の条文`}>
        {lines.map((line, at) =>
          line.role === "blank" ? (
            <div key={at} className="printed-blank" aria-hidden="true" />
          ) : (
            <p
              key={at}
              className={`printed-line printed-${line.role}`}
              style={{ paddingLeft: `${line.wrapIndent}em`, textIndent: `${line.indent - line.wrapIndent}em` }}
            >
              {line.text}
            </p>
          ),
        )}
      </section>
      {canRestore ? (
        <section className="panel version-restore" aria-labelledby="restore-heading">
          <h2 id="restore-heading">この版に戻す</h2>
          <p className="muted">
            現在の条文を「{version.label}」の条文に置き換えます。置き換える前の条文は自動で版として保存されるので、あとから戻せます。保存済みの版は変わりません。
          </p>
          <Form method="post" onSubmit={(event) => {
            if (!window.confirm(`現在の条文を「${version.label}」の条文に置き換えます。よろしいですか。`)) event.preventDefault();
          }}>
            <button type="submit" className="button-danger" disabled={busy}>
              {busy ? "戻しています…" : `「${version.label}」の条文に戻す`}
            </button>
          </Form>
        </section>
      ) : null}
    </article>
  );
}
