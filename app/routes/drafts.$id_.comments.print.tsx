import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { isUserFacingError } from "../../lib/errors";
import { requirePermission } from "../lib/auth.server";
import { parsePeriod, RESPONSE_COLUMNS, responseTable, responseTableNote, responseTableTitle } from "../lib/comments.server";
import { idParam, notFound, positiveInt } from "../lib/params";
import { listVersions } from "../lib/versions.server";

// The 意見対応表 laid out for printing on A4 landscape. The `$id_` keeps this page out of the
// draft page's layout: it stands alone, with the site header hidden when printed.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `意見対応表 ${data?.draft.title ?? ""} | Kizuna（絆）` }];

// Only this page prints sideways; the rest of the site keeps app.css's A4 portrait.
const PAGE_CSS = "@page { size: A4 landscape; margin: 12mm 10mm; }";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "draft.read");
  const draftId = idParam(params.id);
  const query = new URL(request.url).searchParams;
  const form = { from: query.get("from") ?? "", to: query.get("to") ?? "", version: query.get("version") ?? "", anonymise: query.get("anonymise") === "1" };
  const versions = (await listVersions(context.services.db, draftId)).map(({ id, label }) => ({ id, label }));
  const versionId = positiveInt(form.version);
  let period;
  let error: string | null = null;
  try {
    period = parsePeriod(form);
  } catch (e) {
    if (!isUserFacingError(e)) throw e;
    error = e.message;
  }
  // A period that cannot be read shows the form with the reason, never a table that ignores it.
  const table = await responseTable(context.services.db, user, draftId, { ...period, versionId, anonymise: form.anonymise }).catch((e) => {
    throw isUserFacingError(e) && e.status === 404 ? notFound() : e;
  });
  const exportQuery = new URLSearchParams({
    ...(form.from ? { from: form.from } : {}),
    ...(form.to ? { to: form.to } : {}),
    ...(versionId ? { version: String(versionId) } : {}),
    ...(form.anonymise ? { anonymise: "1" } : {}),
  }).toString();
  const total = RESPONSE_COLUMNS.reduce((sum, c) => sum + c.width, 0);
  return {
    draft: { id: draftId, title: table.draftTitle },
    form,
    error,
    filtered: Boolean(form.from || form.to || versionId),
    versions,
    exportQuery,
    columns: RESPONSE_COLUMNS.map((c) => ({ key: c.key, label: c.label, percent: Math.round((c.width / total) * 1000) / 10 })),
    table: error ? null : { title: responseTableTitle(table), note: responseTableNote(table), rows: table.rows },
  };
}

export default function CommentResponseTablePrint() {
  const { draft, form, error, filtered, versions, exportQuery, columns, table } = useLoaderData<typeof loader>();
  const download = (format: string) => `/drafts/${draft.id}/comments/export?format=${format}${exportQuery ? `&${exportQuery}` : ""}`;
  return (
    <article className="response-print">
      <style>{PAGE_CSS}</style>
      <nav aria-label="パンくずリスト" className="breadcrumbs">
        <Link to="/drafts">条例案</Link> › <Link to={`/drafts/${draft.id}`}>{draft.title}</Link>
      </nav>
      <header className="response-print-header">
        <h1>{table?.title ?? "意見対応表"}</h1>
        {table ? <p className="response-print-note">{table.note}</p> : null}
      </header>
      <Form method="get" className="filters filters-inline response-print-controls" aria-label="表示する意見">
        <div className="field">
          <label htmlFor="rt-from">期間の始まり</label>
          <input id="rt-from" name="from" defaultValue={form.from} placeholder="例：令和8年11月1日" aria-describedby="rt-period-help" />
        </div>
        <div className="field">
          <label htmlFor="rt-to">期間の終わり（この日を含みます）</label>
          <input id="rt-to" name="to" defaultValue={form.to} placeholder="例：2026-11-30" aria-describedby="rt-period-help" />
        </div>
        {versions.length ? (
          <div className="field">
            <label htmlFor="rt-version">版</label>
            <select id="rt-version" name="version" defaultValue={form.version}>
              <option value="">すべての版</option>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}に対する意見
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field response-print-check">
          <label>
            <input type="checkbox" name="anonymise" value="1" defaultChecked={form.anonymise} /> 提出者を匿名にします（委員A、委員B…）
          </label>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button-primary">
            表示する
          </button>
          {filtered || form.anonymise ? <Link to={`/drafts/${draft.id}/comments/print`}>条件を解除</Link> : null}
        </div>
        <p id="rt-period-help" className="muted response-print-help">
          期間は意見が出された日で絞り込みます。2026-11-01 の形でも 令和8年11月1日 の形でも入力できます。月だけ（令和8年11月）や年だけ（2026年）も指定できます。空欄ならすべての意見を表示します。
        </p>
      </Form>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {table ? (
        <>
          <div className="page-actions response-print-actions" aria-label="印刷と書き出し">
            <button type="button" className="button-link button-primary" onClick={() => window.print()}>
              印刷する
            </button>
            <a className="button-link" href={download("xlsx")}>
              Excel（XLSX）
            </a>
            <a className="button-link" href={download("docx")}>
              Word（DOCX）
            </a>
            <a className="button-link" href={download("csv")}>
              CSV
            </a>
          </div>
          {table.rows.length === 0 ? (
            <p className="empty-state">
              {filtered ? "指定した条件に合う意見はありません。期間や版を変えてお試しください。" : "この条例案にはまだ意見がありません。"}
            </p>
          ) : (
            <table className="response-table">
              <colgroup>
                {columns.map((c) => (
                  <col key={c.key} style={{ width: `${c.percent}%` }} />
                ))}
              </colgroup>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.key} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row) => (
                  <tr key={row.commentId}>
                    {columns.map((c) => (
                      <td key={c.key} className={`response-col-${c.key}`}>
                        {row[c.key]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </article>
  );
}
