import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useRevalidator } from "@remix-run/react";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import type { ThreadView } from "../../comments/threads";
import type { LinkView } from "../../knowledge/links";
import { CommentsPanel, type CurrentClause } from "../components/comments/CommentsPanel";
import { can, permissionsOf } from "../../auth/policy";
import { isUserFacingError } from "../../lib/errors";
import { requirePermission } from "../lib/auth.server";
import { clauseEvidence, listThreads } from "../lib/comments.server";
import { getDraft, updateDraftSettings } from "../lib/drafts.server";
import { idParam, notFound } from "../lib/params";
import pmStyles from "prosemirror-view/style/prosemirror.css";

const DraftEditor = lazy(() => import("../components/editor/DraftEditor").then((m) => ({ default: m.DraftEditor })));

export const links = () => [{ rel: "stylesheet", href: pmStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.draft.title ?? "条例案"} | Kizuna（絆）` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "draft.read");
  const db = context.services.db;
  const draft = await getDraft(db, idParam(params.id));
  if (!draft) throw notFound();
  const threads = await listThreads(db, user, draft.id);
  const evidence = await clauseEvidence(db, draft.id);
  // Staff record what a member said at a meeting: they choose the member and the minutes.
  const onBehalf = can(user, "comment.onBehalf")
    ? {
        members: await db.query<{ id: number; name: string }>(
          `SELECT id, display_name AS name FROM users WHERE active AND role IN ('study', 'pt') ORDER BY role DESC, id`,
        ),
        minutes: await db.query<{ id: number; title: string }>(`SELECT id, title FROM records WHERE kind = 'minutes' ORDER BY date DESC NULLS LAST, id DESC LIMIT 200`),
      }
    : null;
  return {
    draft,
    canEdit: can(user, "draft.edit"),
    user: { id: user.id, name: user.displayName },
    threads,
    evidence,
    permissions: permissionsOf(user),
    onBehalf,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await requirePermission(request, context, "draft.edit");
  const form = await request.formData();
  try {
    await updateDraftSettings(context.services.db, idParam(params.id), {
      title: String(form.get("title") ?? ""),
      numberingStyle: form.get("numberingStyle") === "vertical" ? "vertical" : "horizontal",
    });
    return { ok: true, message: "設定を保存しました。" };
  } catch (error) {
    if (isUserFacingError(error)) return data({ ok: false, message: error.message }, { status: error.status });
    throw error;
  }
}

export default function DraftPage() {
  const { draft, canEdit, user, threads, evidence, permissions, onBehalf } = useLoaderData<typeof loader>();
  const [current, setCurrent] = useState<CurrentClause | null>(null);
  const [clauseFilter, setClauseFilter] = useState<string | null>(null);
  const [composeRequest, setComposeRequest] = useState(0);
  const [showClause, setShowClause] = useState<{ id: string; nonce: number } | null>(null);
  const [addresses, setAddresses] = useState<ReadonlyMap<string, string> | null>(null);
  // A link to a clause (/drafts/3#<node id>, from a search hit) moves the editor there.
  const { hash } = useLocation();
  useEffect(() => {
    const id = decodeURIComponent(hash.slice(1));
    if (id && !id.startsWith("comment-")) setShowClause({ id, nonce: Date.now() });
  }, [hash]);
  // Gutter markers per clause and the 目次's heat per article, from the live threads.
  const { counts, heat } = useMemo(() => {
    const counts = new Map<string, { open: number; total: number }>();
    const heat = new Map<string, number>();
    for (const t of threads as ThreadView[]) {
      if (t.clauseDeleted) continue;
      const c = counts.get(t.clauseId) ?? { open: 0, total: 0 };
      c.total++;
      if (t.status === "open") {
        c.open++;
        if (t.articleId) heat.set(t.articleId, (heat.get(t.articleId) ?? 0) + 1);
      }
      counts.set(t.clauseId, c);
    }
    return { counts, heat };
  }, [threads]);
  const result = useActionData<typeof action>();
  // Someone else renamed the draft or changed its numbering: reload the page's data.
  const revalidator = useRevalidator();
  // The editor needs the browser (WebSocket, DOM); the page around it renders on the server.
  const [client, setClient] = useState(false);
  useEffect(() => setClient(true), []);
  return (
    <article className="draft-page">
      <nav aria-label="パンくずリスト" className="breadcrumbs">
        <Link to="/drafts">条例案</Link>
      </nav>
      <header className="record-header">
        <h1>{draft.title}</h1>
        <div className="page-actions" aria-label="書き出し">
          <a className="button-link" href={`/drafts/${draft.id}/export?format=docx`}>
            Word（DOCX）
          </a>
          <a className="button-link" href={`/drafts/${draft.id}/export?format=egov-xml`}>
            e-Gov XML
          </a>
          <a className="button-link" href={`/drafts/${draft.id}/export?format=text`}>
            テキスト
          </a>
          <button type="button" className="button-link" onClick={() => window.print()}>
            印刷
          </button>
          <Link className="button-link" to={`/drafts/${draft.id}/comments/print`}>
            意見対応表
          </Link>
          <Link className="button-link" to={`/drafts/${draft.id}/versions`}>
            版・新旧対照表
          </Link>
        </div>
      </header>
      {result ? (
        <p className={result.ok ? "form-success" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
      {canEdit ? (
        <details className="draft-settings">
          <summary>条例案の設定（題名・番号の付け方）</summary>
          <Form method="post" className="form-grid" key={`${draft.title}\u0000${draft.numberingStyle}`}>
            <div className="field field-wide">
              <label htmlFor="settings-title">題名</label>
              <input id="settings-title" name="title" defaultValue={draft.title} required maxLength={300} />
            </div>
            <div className="field">
              <label htmlFor="settings-style">番号の付け方</label>
              <select id="settings-style" name="numberingStyle" defaultValue={draft.numberingStyle}>
                <option value="horizontal">横書き（第1条、2、(1)、ア）</option>
                <option value="vertical">縦書き（第一条、２、一、イ）</option>
              </select>
            </div>
            <div className="field field-actions">
              <button type="submit" className="button-primary">
                設定を保存
              </button>
            </div>
          </Form>
        </details>
      ) : null}
      {client ? (
        <Suspense fallback={<p className="muted">編集画面を読み込んでいます…</p>}>
          <div className="draft-workspace">
            <DraftEditor
              draftId={draft.id}
              style={draft.numberingStyle}
              canEdit={canEdit}
              user={user}
              onLiveEvent={() => revalidator.revalidate()}
              commentCounts={counts}
              heat={heat}
              onCurrentClause={setCurrent}
              onOpenComments={setClauseFilter}
              onCompose={() => setComposeRequest((n) => n + 1)}
              onAddresses={setAddresses}
              showClause={showClause}
            />
            <CommentsPanel
              draftId={draft.id}
              threads={threads as ThreadView[]}
              permissions={permissions}
              userId={user.id}
              current={current}
              clauseFilter={clauseFilter}
              onClearClauseFilter={() => setClauseFilter(null)}
              onShowClause={(id) => setShowClause({ id, nonce: Date.now() })}
              onBehalf={onBehalf}
              composeRequest={composeRequest}
              addresses={addresses}
              evidence={evidence as unknown as Record<string, LinkView[]>}
            />
          </div>
        </Suspense>
      ) : (
        <noscript>
          <p className="form-warning">条例案の編集と閲覧にはJavaScriptが必要です。書き出し（Word・テキスト）からも内容を確認できます。</p>
        </noscript>
      )}
    </article>
  );
}
