import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { isRecordKind, RECORD_KIND_LABELS, RECORD_KINDS } from "../../knowledge/kinds";
import { FiscalYear, JapaneseDate } from "../components/JapaneseDate";
import { NamedOptions } from "../components/Options";
import { Pagination } from "../components/Pagination";
import { requirePermission } from "../lib/auth.server";
import { positiveInt } from "../lib/params";
import { filterOptions, listRecords } from "../lib/knowledge.server";
import { formatFiscalYear } from "../../search/wareki";
import { can } from "../../auth/policy";

export const meta: MetaFunction = () => [{ title: "ナレッジ | Kizuna（絆）" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "record.read");
  const params = new URL(request.url).searchParams;
  const kind = params.get("kind");
  const filters = {
    kind: isRecordKind(kind) ? kind : undefined,
    departmentId: positiveInt(params.get("department")),
    bodyId: positiveInt(params.get("body")),
    tag: params.get("tag")?.slice(0, 50) || undefined,
    fiscalYear: positiveInt(params.get("year")),
    page: positiveInt(params.get("page")),
  };
  const { db } = context.services;
  const [result, options] = await Promise.all([listRecords(db, filters), filterOptions(db)]);
  return { ...result, options, canWrite: can(user, "record.write") };
}

export default function KnowledgeList() {
  const { items, total, page, pageCount, kinds, options, canWrite } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const filtered = ["kind", "department", "body", "tag", "year"].some((k) => params.get(k));
  return (
    <>
      <div className="page-heading">
        <h1>ナレッジ</h1>
        {canWrite ? (
          <div className="page-actions">
            <Link to="/knowledge/import" className="button-link">
              資料を取り込む
            </Link>
            <Link to="/knowledge/new" className="button-link button-primary">
              記録を作成
            </Link>
          </div>
        ) : null}
      </div>
      <div className="list-layout">
        <Form method="get" className="filters" aria-label="絞り込み">
          <div className="field">
            <label htmlFor="f-kind">種別</label>
            <select id="f-kind" name="kind" defaultValue={params.get("kind") ?? ""}>
              <option value="">すべて</option>
              {RECORD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {RECORD_KIND_LABELS[k]}
                  {kinds.find((c) => c.value === k) ? `（${kinds.find((c) => c.value === k)!.count}）` : ""}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-department">部局</label>
            <select id="f-department" name="department" defaultValue={params.get("department") ?? ""}>
              <NamedOptions items={options.departments} empty="すべて" />
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-body">会議体・発出機関</label>
            <select id="f-body" name="body" defaultValue={params.get("body") ?? ""}>
              <NamedOptions items={options.bodies} empty="すべて" />
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-tag">タグ</label>
            <select id="f-tag" name="tag" defaultValue={params.get("tag") ?? ""}>
              <option value="">すべて</option>
              {options.tags.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}（{t.count}）
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-year">年度</label>
            <select id="f-year" name="year" defaultValue={params.get("year") ?? ""}>
              <NamedOptions items={options.years.map((y) => ({ id: y, name: formatFiscalYear(y) ?? `${y}年度` }))} empty="すべて" />
            </select>
          </div>
          <div className="filter-actions">
            <button type="submit" className="button-primary">
              絞り込む
            </button>
            {filtered ? <Link to="/knowledge">条件を解除</Link> : null}
          </div>
        </Form>
        <section aria-labelledby="results-title" className="results">
          <h2 id="results-title" className="result-count" aria-live="polite">
            {total}件{filtered ? "（絞り込み中）" : ""}
          </h2>
          {items.length === 0 ? (
            <div className="empty-state">
              <p>{filtered ? "条件に合う記録はありません。条件を変えてお試しください。" : "まだ記録がありません。"}</p>
              {canWrite && !filtered ? <p>「記録を作成」または「資料を取り込む」から登録できます。</p> : null}
            </div>
          ) : (
            <ul className="record-list">
              {items.map((r) => (
                <li key={r.id}>
                  <div className="record-meta">
                    <span className={`kind-badge kind-${r.kind}`}>{RECORD_KIND_LABELS[r.kind]}</span>
                    {r.date ? <JapaneseDate date={r.date} precision={r.datePrecision} /> : r.fiscalYear ? <FiscalYear year={r.fiscalYear} /> : null}
                    {r.bodyName ? <span>{r.bodyName}</span> : null}
                    {r.departmentName ? <span>{r.departmentName}</span> : null}
                    {r.status ? <span className="status-badge">{r.status}</span> : null}
                  </div>
                  <h3>
                    <Link to={`/knowledge/${r.id}`}>{r.title}</Link>
                  </h3>
                  {r.summary ? <p className="record-summary">{r.summary}</p> : null}
                  {r.tags.length ? (
                    <ul className="tag-list" aria-label="タグ">
                      {r.tags.map((t) => (
                        <li key={t}>
                          <Link to={`/knowledge?tag=${encodeURIComponent(t)}`} className="tag">
                            {t}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <Pagination page={page} pageCount={pageCount} />
        </section>
      </div>
    </>
  );
}
