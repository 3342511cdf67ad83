import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { formatFiscalYear } from "../../search/wareki";
import { Highlight } from "../components/Highlight";
import { JapaneseDate } from "../components/JapaneseDate";
import { Pagination } from "../components/Pagination";
import { requirePermission } from "../lib/auth.server";
import { RateLimitedError, retryAfter, spendRate } from "../lib/rate-limit.server";
import { hitHref, hitKindLabel } from "../../lib/search-links";
import { searchRequestFromUrl } from "../lib/search-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.query ? `「${data.query}」の検索結果` : "検索"} | Kizuna（絆）` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "record.read");
  const params = new URL(request.url).searchParams;
  const { request: search, errors } = searchRequestFromUrl(params);
  const { db } = context.services;
  // Over the limit, the page still opens with the person's query, saying why there are no results.
  let limited: RateLimitedError | null = null;
  if (search.query.trim()) {
    try {
      spendRate(context, "search", user.id);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      limited = error;
    }
  }
  const [result, departments, bodies] = await Promise.all([
    search.query.trim() && !limited ? context.services.search.engine.search(search) : null,
    db.query<{ id: number; name: string }>("SELECT id, name FROM departments ORDER BY sort_order"),
    db.query<{ id: number; name: string }>("SELECT id, name FROM bodies ORDER BY sort_order"),
  ]);
  const page = { query: search.query, result, errors: limited ? [...errors, limited.message] : errors, departments, bodies, page: search.page ?? 1 };
  return limited ? data(page, { status: 429, headers: retryAfter(limited) }) : page;
}

type Facet = { value: string; count: number };

/** Where the filters fold away (as the layout's breakpoint in app.css). */
const NARROW = "(max-width: 900px)";
/** Address parameters that narrow the results. */
const FILTER_PARAMS = ["from", "to", "kind", "body", "department", "year", "tag"];

function FacetGroup({ title, name, facets, label }: { title: string; name: string; facets: Facet[]; label: (f: Facet) => { value: string; text: string } | null }) {
  const [params] = useSearchParams();
  const selected = new Set(params.getAll(name));
  const options = facets.map((f) => ({ ...label(f), count: f.count })).filter((o): o is { value: string; text: string; count: number } => Boolean(o.value));
  if (!options.length) return null;
  return (
    <fieldset className="facet">
      <legend>{title}</legend>
      {options.map((o) => (
        <label key={o.value} className="facet-option">
          <input type="checkbox" name={name} value={o.value} defaultChecked={selected.has(o.value)} />
          <span>{o.text}</span>
          <span className="facet-count">{o.count}</span>
        </label>
      ))}
    </fieldset>
  );
}

export default function SearchPage() {
  const { query, result, errors, departments, bodies, page } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "loading";
  const idByName = (list: { id: number; name: string }[]) => (f: Facet) => {
    const found = list.find((x) => x.name === f.value);
    return found ? { value: String(found.id), text: f.value } : null;
  };
  const pageCount = result ? Math.ceil(result.total / 20) : 0;
  // On a narrow screen the filters would stand above the results, a screen's height of them:
  // they fold away there (open on wide screens, and without JavaScript), unless some are set.
  const activeFilters = FILTER_PARAMS.filter((name) => params.getAll(name).some(Boolean)).length + (params.get("sort") === "newest" ? 1 : 0);
  const [filtersOpen, setFiltersOpen] = useState(true);
  useEffect(() => {
    // Folded as the page opens only; afterwards the person decides. A screen turned wide (a
    // tablet turned sideways) unfolds them: it shows no summary to unfold them by.
    const narrow = window.matchMedia(NARROW);
    if (activeFilters === 0 && narrow.matches) setFiltersOpen(false);
    const widened = () => !narrow.matches && setFiltersOpen(true);
    narrow.addEventListener("change", widened);
    return () => narrow.removeEventListener("change", widened);
  }, []);
  return (
    <>
      <h1>検索</h1>
      {/* Keyed by the address: a search started elsewhere (the header box) refills the words,
          sort, dates and checkboxes, which otherwise keep what they were first rendered with. */}
      <Form key={params.toString()} method="get" className="search-form" role="search" aria-label="詳細検索">
        <div className="search-main">
          <label htmlFor="search-q" className="visually-hidden">
            検索語
          </label>
          <input id="search-q" type="search" name="q" defaultValue={query} placeholder="例：官民連携　ヤングケアラー　令和4年度 相談" maxLength={10000} aria-describedby="search-help" />
          <button type="submit" className="button-primary">
            検索
          </button>
        </div>
        <p id="search-help" className="hint">
          語を空白で区切るとすべてを含むもの、「OR」でどちらかを含むもの、「-語」でその語を含まないもの、"…" で語順どおりのものを探します。
        </p>
        <div className="search-layout">
          <details className="facets" open={filtersOpen} onToggle={(event) => setFiltersOpen(event.currentTarget.open)}>
            <summary>{activeFilters ? `絞り込み・並び順（${activeFilters}件を指定中）` : "絞り込み・並び順"}</summary>
            <div className="field">
              <label htmlFor="sort">並び順</label>
              <select id="sort" name="sort" defaultValue={params.get("sort") ?? "relevance"}>
                <option value="relevance">関連度順</option>
                <option value="newest">新しい順</option>
              </select>
            </div>
            <fieldset className="facet">
              <legend>期間</legend>
              <div className="field">
                <label htmlFor="from">から</label>
                <input id="from" name="from" defaultValue={params.get("from") ?? ""} placeholder="令和4年度" />
              </div>
              <div className="field">
                <label htmlFor="to">まで</label>
                <input id="to" name="to" defaultValue={params.get("to") ?? ""} placeholder="令和5年3月" />
              </div>
            </fieldset>
            {result ? (
              <>
                <FacetGroup title="種別" name="kind" facets={result.facets.kind} label={(f) => ({ value: f.value, text: hitKindLabel(f.value) })} />
                <FacetGroup title="会議体・発出機関" name="body" facets={result.facets.body} label={idByName(bodies)} />
                <FacetGroup title="部局" name="department" facets={result.facets.department} label={idByName(departments)} />
                <FacetGroup title="年度" name="year" facets={result.facets.fiscalYear} label={(f) => ({ value: f.value, text: formatFiscalYear(Number(f.value)) ?? f.value })} />
                <FacetGroup title="タグ" name="tag" facets={result.facets.tag.slice(0, 15)} label={(f) => ({ value: f.value, text: f.value })} />
              </>
            ) : null}
            <button type="submit">この条件で絞り込む</button>
          </details>
          <section className="search-results" aria-labelledby="result-heading" aria-busy={busy}>
            {errors.map((e) => (
              <p key={e} className="form-error" role="alert">
                {e}
              </p>
            ))}
            {result?.notice ? <p className="form-warning">{result.notice}</p> : null}
            {!result ? (
              <p className="empty-state">施策・会議録・決定事項・計画・調査・法令の条文、条例案の条文と意見を日本語で探せます。検索語を入力してください。</p>
            ) : (
              <>
                <h2 id="result-heading" className="result-count" aria-live="polite">
                  {`「${query}」${result.total.toLocaleString("ja-JP")}件${result.totalIsLowerBound ? "以上" : ""}`}
                </h2>
                {result.hits.length === 0 && !result.notice ? (
                  <p className="empty-state">見つかりませんでした。語を減らすか、別の言い方（例：子ども／子供）でお試しください。</p>
                ) : (
                  <ol className="hit-list">
                    {result.hits.map((hit) => (
                      <li key={hit.id}>
                        <div className="record-meta">
                          <span className={`kind-badge kind-${hit.kind}`}>{hitKindLabel(hit.kind)}</span>
                          {hit.date ? <JapaneseDate date={hit.date} /> : null}
                          {hit.bodyName ? <span>{hit.bodyName}</span> : null}
                        </div>
                        <h3>
                          <Link to={hitHref(hit)}>
                            <Highlight value={hit.title} />
                            {hit.locator ? <span className="part-label">{` › ${hit.locator}`}</span> : null}
                          </Link>
                        </h3>
                        <p className="snippet">
                          <Highlight value={hit.snippet} />
                        </p>
                      </li>
                    ))}
                  </ol>
                )}
                <Pagination page={page} pageCount={pageCount} />
              </>
            )}
          </section>
        </div>
      </Form>
    </>
  );
}
