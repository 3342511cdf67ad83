import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatFiscalYear } from "../../search/wareki";
import { NamedOptions } from "../components/Options";
import { DecisionItem } from "../components/DecisionItem";
import { requirePermission } from "../lib/auth.server";
import { positiveInt } from "../lib/params";
import { listDecisions } from "../lib/knowledge.server";

export const meta: MetaFunction = () => [{ title: "決定事項 | Kizuna（絆）" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "record.read");
  const params = new URL(request.url).searchParams;
  const { db } = context.services;
  const [decisions, bodies, years] = await Promise.all([
    listDecisions(db, { bodyId: positiveInt(params.get("body")), fiscalYear: positiveInt(params.get("year")) }),
    db.query<{ id: number; name: string }>("SELECT id, name FROM bodies WHERE id IN (SELECT body_id FROM decisions) ORDER BY sort_order"),
    db.query<{ year: number }>("SELECT DISTINCT fiscal_year AS year FROM decisions ORDER BY year DESC"),
  ]);
  return { decisions, bodies, years: years.map((y) => y.year) };
}

export default function Decisions() {
  const { decisions, bodies, years } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const filtered = Boolean(params.get("body") || params.get("year"));
  return (
    <>
      <h1>決定事項</h1>
      <p className="lead">会議で決まったことを新しい順に並べています。出典の会議録の該当箇所へ移動できます。</p>
      <Form method="get" className="filters filters-inline" aria-label="絞り込み">
        <div className="field">
          <label htmlFor="d-body">会議体</label>
          <select id="d-body" name="body" defaultValue={params.get("body") ?? ""}>
              <NamedOptions items={bodies} empty="すべて" />
            </select>
        </div>
        <div className="field">
          <label htmlFor="d-year">年度</label>
          <select id="d-year" name="year" defaultValue={params.get("year") ?? ""}>
              <NamedOptions items={years.map((y) => ({ id: y, name: formatFiscalYear(y) ?? String(y) }))} empty="すべて" />
            </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button-primary">
            絞り込む
          </button>
          {filtered ? <Link to="/decisions">条件を解除</Link> : null}
        </div>
      </Form>
      <h2 className="result-count" aria-live="polite">
        {decisions.length}件
      </h2>
      {decisions.length === 0 ? (
        <p className="empty-state">
          {filtered ? "条件に合う決定事項はありません。" : "まだ決定事項はありません。会議録の記録から追加できます。"}
        </p>
      ) : (
        <ul className="decision-list">
          {decisions.map((d) => (
            <DecisionItem key={d.id} decision={d} />
          ))}
        </ul>
      )}
    </>
  );
}
