import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../lib/auth.server";
import { formatDateTime } from "../lib/format";
import { getRecord, recordHistory } from "../lib/knowledge.server";
import { idParam, notFound } from "../lib/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `変更履歴：${data?.title ?? ""} | Kizuna（絆）` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, "record.read");
  const id = idParam(params.id);
  const record = await getRecord(context.services.db, id);
  if (!record) throw notFound();
  return { id, title: record.title, revisions: await recordHistory(context.services.db, id) };
}

export default function RecordHistory() {
  const { id, title, revisions } = useLoaderData<typeof loader>();
  return (
    <>
      <nav aria-label="パンくずリスト" className="breadcrumbs">
        <Link to="/knowledge">ナレッジ</Link> › <Link to={`/knowledge/${id}`}>{title}</Link> › 変更履歴
      </nav>
      <h1>変更履歴</h1>
      <ol className="history" reversed>
        {revisions.map((rev) => (
          <li key={rev.revision} className="panel">
            <h2>
              第{rev.revision}版
              <span className="muted">
                {" "}
                {formatDateTime(rev.changedAt)}・{rev.changedBy ?? "システム"}
              </span>
            </h2>
            {rev.note ? <p>{rev.note}</p> : null}
            {rev.fields.length ? (
              <table className="data-table history-fields">
                <thead>
                  <tr>
                    <th scope="col">項目</th>
                    <th scope="col">変更前</th>
                    <th scope="col">変更後</th>
                  </tr>
                </thead>
                <tbody>
                  {rev.fields.map((f) => (
                    <tr key={f.field}>
                      <th scope="row">{f.label}</th>
                      <td>{f.before}</td>
                      <td>{f.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {rev.body.length ? (
              <div className="body-diff">
                <h3>本文の変更</h3>
                {rev.body.map((change, i) => (
                  <div key={i} className="diff-pair">
                    <div className="diff-before" aria-label="変更前">
                      {change.before.map((p, j) => (p.change === "removed" ? <del key={j}>{p.text}</del> : <span key={j}>{p.text}</span>))}
                    </div>
                    <div className="diff-after" aria-label="変更後">
                      {change.after.map((p, j) => (p.change === "added" ? <ins key={j}>{p.text}</ins> : <span key={j}>{p.text}</span>))}
                    </div>
                  </div>
                ))}
              </div>
            ) : null}
            {!rev.fields.length && !rev.body.length ? <p className="muted">内容の変更はありません。</p> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
