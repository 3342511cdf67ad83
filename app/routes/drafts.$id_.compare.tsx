import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { isUserFacingError } from "../../lib/errors";
import { requirePermission } from "../lib/auth.server";
import { getDraft } from "../lib/drafts.server";
import { idParam, notFound } from "../lib/params";
import { compareDraftTexts, CURRENT_TEXT_LABEL, listVersions, parseTextRef, shinkyuSettingsFrom, type TextRef } from "../lib/versions.server";
import { ShinkyuTable, shinkyuLinks } from "../components/shinkyu/ShinkyuTable";
import { Aratame } from "../components/shinkyu/Aratame";
import { TextSelect } from "../components/shinkyu/TextSelect";

// The 新旧対照表 between two texts of a draft (two versions, or a version and the current
// text), with its settings, print view and DOCX export. Works without JavaScript: the
// settings are a GET form.

export const links = shinkyuLinks;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `新旧対照表 ${data?.draft.title ?? ""} | Kizuna（絆）` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, "draft.read");
  const db = context.services.db;
  const draft = await getDraft(db, idParam(params.id));
  if (!draft) throw notFound();
  const versions = (await listVersions(db, draft.id)).map(({ id, label }) => ({ id, label }));
  const query = new URL(request.url).searchParams;
  const latest = versions.at(-1);
  const previous = versions.at(-2);
  // Without a choice: the two newest versions, or the newest against the current text.
  const from: TextRef | undefined = parseTextRef(query.get("from")) ?? (previous ?? latest)?.id;
  const to: TextRef = parseTextRef(query.get("to")) ?? (previous ? latest!.id : "current");
  const settings = shinkyuSettingsFrom(query);
  const base = { draft: { id: draft.id, title: draft.title }, versions, currentLabel: CURRENT_TEXT_LABEL, settings, from: from ?? null, to };
  if (from === undefined) return { ...base, error: null, comparison: null };
  try {
    return { ...base, error: null, comparison: await compareDraftTexts(db, draft.id, from, to, settings) };
  } catch (error) {
    if (!isUserFacingError(error)) throw error;
    return { ...base, error: error.message, comparison: null };
  }
}

export default function DraftComparison() {
  const { draft, versions, currentLabel, settings, from, to, error, comparison } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "loading";
  const query = new URLSearchParams({ from: String(from ?? ""), to: String(to), order: settings.columnOrder, unchanged: settings.unchanged });
  const title = comparison ? `${comparison.before.label}と${comparison.after.label}の新旧対照表` : "新旧対照表";
  return (
    <article className="compare-page">
      <nav aria-label="パンくずリスト" className="breadcrumbs">
        <Link to="/drafts">条例案</Link> › <Link to={`/drafts/${draft.id}`}>{draft.title}</Link> ›{" "}
        <Link to={`/drafts/${draft.id}/versions`}>版の一覧</Link>
      </nav>
      <header className="record-header">
        <div>
          <p className="compare-draft-title">{draft.title}</p>
          <h1>{title}</h1>
        </div>
        {comparison ? (
          <div className="page-actions" aria-label="印刷と書き出し">
            <button type="button" className="button-link" onClick={() => window.print()}>
              印刷
            </button>
            <a className="button-link" href={`/drafts/${draft.id}/compare/export?${query}&format=docx`}>
              Word（DOCX）
            </a>
          </div>
        ) : null}
      </header>
      {versions.length === 0 ? (
        <p className="empty-state">
          比べる版がまだありません。<Link to={`/drafts/${draft.id}/versions`}>版の一覧</Link>で第1次案などの版を保存すると、その版といまの条文を比べられます。
        </p>
      ) : (
        <Form method="get" className="form-grid compare-controls" aria-label="比べる条文と表の形">
          <TextSelect id="compare-from" name="from" label="改正前（比べる元）" versions={versions} currentLabel={currentLabel} defaultValue={String(from)} />
          <TextSelect id="compare-to" name="to" label="改正後（比べる先）" versions={versions} currentLabel={currentLabel} defaultValue={String(to)} />
          <div className="field">
            <label htmlFor="compare-order">列の順序</label>
            <select id="compare-order" name="order" defaultValue={settings.columnOrder}>
              <option value="beforeFirst">改正前｜改正後（鳥取県の様式）</option>
              <option value="afterFirst">改正後｜改正前</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="compare-unchanged">変更のない規定</label>
            <select id="compare-unchanged" name="unchanged" defaultValue={settings.unchanged}>
              <option value="abbreviate">（略）と示す</option>
              <option value="omit">省く</option>
            </select>
          </div>
          <div className="field field-actions">
            <button type="submit" className="button-primary" disabled={busy}>
              {busy ? "作っています…" : "表示"}
            </button>
          </div>
        </Form>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {comparison ? (
        <>
          <p className="compare-summary" role="status">
            {comparison.table.changedProvisions === 0
              ? `${comparison.before.label}と${comparison.after.label}の条文は同じです。`
              : `${comparison.table.changedProvisions}か所の規定が変わっています。`}
          </p>
          <ShinkyuTable table={comparison.table} caption={title} />
          <Aratame lines={comparison.aratame.lines} unsupported={comparison.aratame.unsupported} />
        </>
      ) : null}
    </article>
  );
}
