import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { can } from "../../auth/policy";
import { RECORD_KIND_LABELS } from "../../knowledge/kinds";
import { isUserFacingError } from "../../lib/errors";
import { parseJapaneseDate } from "../../search/wareki";
import { BarChart } from "../components/BarChart";
import { DecisionForm } from "../components/DecisionForm";
import { DecisionItem } from "../components/DecisionItem";
import { FiscalYear, JapaneseDate } from "../components/JapaneseDate";
import { LinkForm } from "../components/LinkForm";
import { LinkList } from "../components/LinkList";
import { RecordBody } from "../components/RecordBody";
import { requirePermission } from "../lib/auth.server";
import { formatDateTime } from "../lib/format";
import { addLink, createDecision, removeLink } from "../lib/knowledge.server";
import { idParam, notFound } from "../lib/params";
import { RateLimitedError, spendRate } from "../lib/rate-limit.server";
import { findLinkCandidates, loadRecordPage, type LinkCandidate } from "../lib/record-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.record.title ?? "記録"} | Kizuna（絆）` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "record.read");
  const target = Number(new URL(request.url).searchParams.get("linkTarget"));
  const id = idParam(params.id);
  const page = await loadRecordPage(context.services.db, id, Number.isInteger(target) && target > 0 ? target : null);
  if (!page) throw notFound();
  const canWrite = can(user, "record.write");
  // The link form's first step: records found by what the person typed.
  const linkQuery = canWrite ? (new URL(request.url).searchParams.get("linkQuery") ?? "").trim().slice(0, 200) : "";
  let linkCandidates: LinkCandidate[] | null = null;
  let linkSearchError: string | null = null;
  if (linkQuery) {
    try {
      spendRate(context, "search", user.id);
      linkCandidates = await findLinkCandidates(context.services.search.engine, linkQuery, id);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      linkSearchError = error.message;
    }
  }
  return { ...page, canWrite, linkQuery, linkCandidates, linkSearchError };
}

const AddLink = z.object({
  intent: z.literal("addLink"),
  targetId: z.coerce.number().int().positive(),
  direction: z.enum(["out", "in"]),
  hereAnchor: z.string().max(100),
  targetAnchor: z.string().max(100),
  reason: z.string().max(1000),
});
const RemoveLink = z.object({ intent: z.literal("removeLink"), linkId: z.coerce.number().int().positive() });
const AddDecision = z.object({
  intent: z.literal("addDecision"),
  text: z.string().max(4000),
  decidedOn: z.string().max(50),
  sourceAnchor: z.string().max(100),
});
const Intent = z.discriminatedUnion("intent", [AddLink, RemoveLink, AddDecision]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "record.write");
  const id = idParam(params.id);
  const formData = await request.formData();
  const parsed = Intent.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data({ form: "link", error: "入力内容が正しくありません。各項目を確かめてください。" }, { status: 400 });
  const input = parsed.data;
  const { db } = context.services;
  try {
    if (input.intent === "addLink") {
      const here = { type: "record" as const, id, anchor: input.hereAnchor || null };
      const there = { type: "record" as const, id: input.targetId, anchor: input.targetAnchor || null };
      await db.transaction((tx) =>
        input.direction === "out" ? addLink(tx, here, there, input.reason, user.id) : addLink(tx, there, here, input.reason, user.id),
      );
      // Back to the part that was linked, where its link count now shows.
      return redirect(`/knowledge/${id}?notice=linked#${input.hereAnchor || "links"}`);
    }
    if (input.intent === "removeLink") {
      // Only links that touch this record can be removed from its page.
      const [link] = await db.query("SELECT 1 FROM links WHERE id = $1 AND ((from_type = 'record' AND from_id = $2) OR (to_type = 'record' AND to_id = $2))", [input.linkId, id]);
      if (!link) return data({ form: "link", error: "このリンクは既に削除されています。" }, { status: 404 });
      await removeLink(db, input.linkId);
      return redirect(`/knowledge/${id}?notice=unlinked#links`);
    }
    const date = parseJapaneseDate(input.decidedOn);
    if (!date || date.precision !== "day") {
      return data({ form: "decision", error: "決定日を「令和5年6月21日」のように日まで入力してください。" }, { status: 400 });
    }
    const [source] = await db.query<{ body_id: number | null }>("SELECT body_id FROM records WHERE id = $1", [id]);
    const concerns = formData.getAll("concerns").map(Number).filter((n) => Number.isInteger(n) && n > 0);
    await db.transaction((tx) =>
      createDecision(tx, { text: input.text, decidedOn: date.iso, bodyId: source?.body_id ?? null, sourceRecordId: id, sourceAnchor: input.sourceAnchor || null, concerns }, user.id),
    );
    return redirect(`/knowledge/${id}?notice=decision#decisions-title`);
  } catch (error) {
    if (isUserFacingError(error)) return data({ form: input.intent === "addDecision" ? "decision" : "link", error: error.message }, { status: error.status });
    throw error;
  }
}

const NOTICES: Record<string, string> = {
  linked: "リンクを追加しました。",
  unlinked: "リンクを削除しました。",
  decision: "決定事項を追加しました。",
};

export default function RecordPage() {
  const { record, sections, outgoing, incoming, decisionsFrom, decisionsAbout, linkQuery, linkCandidates, linkSearchError, linkTarget, measures, canWrite } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("notice") ?? ""];
  const linkCounts: Record<string, number> = {};
  for (const l of incoming) if (l.hereAnchor) linkCounts[l.hereAnchor] = (linkCounts[l.hereAnchor] ?? 0) + 1;
  const linkHref = canWrite ? (anchor: string) => `?linkHere=${encodeURIComponent(anchor)}&linkDirection=in#link-form` : undefined;
  // The 目次: a law lists its chapters, 附則 and main-provision articles; other records their headings.
  const headingSections =
    record.kind === "law"
      ? sections.filter((s) => ["part", "chapter", "section", "suppl"].includes(s.kind) || (s.kind === "article" && /^a\d/.test(s.anchor)))
      : sections.filter((s) => s.kind === "heading" && s.depth <= 3);
  return (
    <article className="record-page">
      <nav aria-label="パンくずリスト" className="breadcrumbs">
        <Link to="/knowledge">ナレッジ</Link> › <Link to={`/knowledge?kind=${record.kind}`}>{RECORD_KIND_LABELS[record.kind]}</Link>
      </nav>
      <header className="record-header">
        <span className={`kind-badge kind-${record.kind}`}>{RECORD_KIND_LABELS[record.kind]}</span>
        <h1>{record.title}</h1>
        <div className="page-actions">
          {canWrite ? (
            <Link to="edit" className="button-link">
              編集
            </Link>
          ) : null}
          <Link to="history" className="button-link">
            変更履歴（第{record.revision}版）
          </Link>
        </div>
      </header>
      {notice ? (
        <p className="toast" role="status">
          {notice}
        </p>
      ) : null}
      <dl className="record-facts">
        {record.date ? (
          <div>
            <dt>日付</dt>
            <dd>
              <JapaneseDate date={record.date} precision={record.datePrecision} />
            </dd>
          </div>
        ) : null}
        {record.fiscalYear ? (
          <div>
            <dt>年度</dt>
            <dd>
              <FiscalYear year={record.fiscalYear} />
            </dd>
          </div>
        ) : null}
        {record.bodyName ? (
          <div>
            <dt>{record.kind === "minutes" ? "会議体" : "発出機関"}</dt>
            <dd>{record.bodyName}</dd>
          </div>
        ) : null}
        {record.issuerLevel ? (
          <div>
            <dt>発出主体</dt>
            <dd>{record.issuerLevel}</dd>
          </div>
        ) : null}
        {record.departmentName ? (
          <div>
            <dt>部局</dt>
            <dd>{record.departmentName}</dd>
          </div>
        ) : null}
        {record.status ? (
          <div>
            <dt>状況</dt>
            <dd>
              <span className="status-badge">{record.status}</span>
            </dd>
          </div>
        ) : null}
        {record.budgetYen !== null ? (
          <div>
            <dt>予算額</dt>
            <dd>{record.budgetYen.toLocaleString("ja-JP")}円</dd>
          </div>
        ) : null}
        {record.data.lawNum ? (
          <div>
            <dt>法令番号</dt>
            <dd>{record.data.lawNum}</dd>
          </div>
        ) : null}
        {record.sourceUrl ? (
          <div>
            <dt>出典</dt>
            <dd>
              <a href={record.sourceUrl} rel="noopener noreferrer nofollow" target="_blank">
                {record.sourceUrl}
              </a>
            </dd>
          </div>
        ) : null}
        {record.sourceFileId ? (
          <div>
            <dt>元のファイル</dt>
            <dd>
              <a href={`/files/${record.sourceFileId}`} download>
                ダウンロード
              </a>
            </dd>
          </div>
        ) : null}
        {record.tags.length ? (
          <div>
            <dt>タグ</dt>
            <dd className="tag-list">
              {record.tags.map((t) => (
                <Link key={t} to={`/knowledge?tag=${encodeURIComponent(t)}`} className="tag">
                  {t}
                </Link>
              ))}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>更新</dt>
          <dd>
            {formatDateTime(record.updatedAt)}
            {record.updatedBy ? `・${record.updatedBy}` : ""}
          </dd>
        </div>
      </dl>
      {record.summary ? <p className="record-summary-lead">{record.summary}</p> : null}
      {record.charts.length ? (
        <section aria-label="グラフ" className="charts">
          {record.charts.map((c, i) => (
            <BarChart key={i} chart={c} id={`chart-${i}`} />
          ))}
        </section>
      ) : null}
      <div className="record-columns">
        <div className="record-main">
          <RecordBody sections={sections} linkCounts={linkCounts} linkHref={linkHref} />
        </div>
        <aside className="record-aside">
          {headingSections.length > 1 ? (
            <nav aria-labelledby="toc-title" className="panel toc">
              <h2 id="toc-title">目次</h2>
              <ol>
                {headingSections.map((s) => (
                  <li key={s.anchor} className={`depth-${s.depth}`}>
                    <a href={`#${s.anchor}`}>{s.caption ? `${s.locator}${s.caption}` : s.locator}</a>
                  </li>
                ))}
              </ol>
            </nav>
          ) : null}
          {decisionsFrom.length || decisionsAbout.length ? (
            <section className="panel" aria-labelledby="decisions-title">
              <h2 id="decisions-title">決定事項</h2>
              <ul className="decision-list compact">
                {[...decisionsFrom, ...decisionsAbout].map((d) => (
                  <DecisionItem key={d.id} decision={d} compact />
                ))}
              </ul>
            </section>
          ) : null}
          <section id="links" className="panel" aria-labelledby="links-title">
            <h2 id="links-title">リンク</h2>
            <LinkList links={outgoing} direction="out" canEdit={canWrite} />
            <h3>被リンク（この記録を参照している記録）</h3>
            <LinkList links={incoming} direction="in" canEdit={canWrite} />
          </section>
        </aside>
      </div>
      {canWrite ? (
        <LinkForm
          recordTitle={record.title}
          hereSections={sections.filter((s) => s.kind !== "preamble").map((s) => ({ anchor: s.anchor, locator: s.caption ? `${s.locator}${s.caption}` : s.locator }))}
          query={linkQuery}
          candidates={linkCandidates}
          searchError={linkSearchError}
          target={linkTarget}
          hereAnchor={params.get("linkHere")}
          direction={params.get("linkDirection") === "in" ? "in" : "out"}
          error={result?.form === "link" ? result.error : null}
        />
      ) : null}
      {canWrite && record.kind === "minutes" ? (
        <DecisionForm
          sections={sections.filter((s) => s.kind !== "preamble")}
          measures={measures}
          defaultDate={record.date ?? ""}
          error={result?.form === "decision" ? result.error : null}
        />
      ) : null}
    </article>
  );
}
