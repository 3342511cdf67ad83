import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { can, permissionsOf } from "../../auth/policy";
import { ROLE_LABELS, type Role } from "../../auth/roles";
import { COMMENT_KIND_LABELS } from "../../comments/comments";
import { RECORD_KIND_LABELS } from "../../knowledge/kinds";
import { JapaneseDate } from "../components/JapaneseDate";
import { requireUser } from "../lib/auth.server";
import { draftCommentSummary, listDecisions, listDrafts, listRecords, markMentionsRead, unreadMentions } from "../lib/home.server";
import { listVersions } from "../lib/versions.server";
import { jstDate } from "../lib/comments.server";

export const meta: MetaFunction = () => [{ title: "ホーム | Kizuna（絆）" }];

const ROLE_INTRO: Record<Role, string> = {
  admin: "利用者の追加や役割の変更、アカウントの無効化を行えます。ナレッジの閲覧と記録もできます。",
  pt: "条例案を共同で起草し、意見に対応します。ナレッジの記録と閲覧もできます。",
  study: "条例案を閲覧し、条ごとに意見や修文案を提出できます。本文を直接編集することはできません。",
  staff: "施策・会議録・計画・調査・法令を記録し、過去の決定事項を検索できます。",
};

/** The newest version (版) of a draft with the JST date it was saved. */
function latestVersionOf(versions: readonly { id: number; label: string; createdAt: Date }[]) {
  const latest = versions.at(-1);
  return latest ? { id: latest.id, label: latest.label, date: jstDate(new Date(latest.createdAt)) } : null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db } = context.services;
  const departments = await db.query<{ name: string; themes: string }>(
    "SELECT name, themes FROM departments ORDER BY sort_order",
  );
  const bodies = await db.query<{ name: string; level: string; description: string }>(
    "SELECT name, level, description FROM bodies ORDER BY sort_order",
  );
  // Per draft: where the comments are, and what still waits for the PT's answer.
  const drafts = can(user, "draft.read")
    ? await Promise.all(
        (await listDrafts(db)).map(async (d) => ({
          id: d.id,
          title: d.title,
          updatedOn: jstDate(new Date(d.updatedAt)),
          latestVersion: latestVersionOf(await listVersions(db, d.id)),
          comments: await draftCommentSummary(db, user, d.id),
        })),
      )
    : [];
  const decisions = (await listDecisions(db)).slice(0, 5).map((d) => ({ id: d.id, text: d.text, decidedOn: d.decidedOn, bodyName: d.bodyName }));
  const records = (await listRecords(db, {})).items.slice(0, 5).map((r) => ({ id: r.id, title: r.title, kind: r.kind, date: r.date, datePrecision: r.datePrecision }));
  return {
    mentions: await unreadMentions(db, user.id),
    drafts,
    decisions,
    records,
    displayName: user.displayName,
    roleLabel: ROLE_LABELS[user.role],
    intro: ROLE_INTRO[user.role],
    permissions: permissionsOf(user),
    departments,
    bodies,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await request.formData();
  const id = Number(form.get("noticeId"));
  await markMentionsRead(context.services.db, user.id, Number.isInteger(id) && id > 0 ? id : undefined);
  return { ok: true };
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const { permissions } = data;
  return (
    <>
      <h1>ホーム</h1>
      <section className="welcome" aria-labelledby="welcome-title">
        <h2 id="welcome-title">
          {`${data.displayName}さん、ようこそ`}
          <span className="role-badge">{data.roleLabel}</span>
        </h2>
        <p>{data.intro}</p>
      </section>

      {data.mentions.length ? (
        <section aria-labelledby="mentions-title" className="panel home-mentions">
          <div className="section-head">
            <h2 id="mentions-title">あなた宛てのメンション（{data.mentions.length}件）</h2>
            <Form method="post">
              <button type="submit" className="button-small">
                すべて既読にする
              </button>
            </Form>
          </div>
          <ul className="plain-list">
            {data.mentions.map((m) => (
              <li key={m.id}>
                <Link to={`/drafts/${m.draftId}#comment-${m.commentId}`}>
                  {m.draftTitle}　{m.address}
                </Link>
                <span className="muted">（{m.from}さん）</span>
                <p className="muted">{m.excerpt}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.drafts.map((d) => (
        <section key={d.id} aria-labelledby={`draft-${d.id}-title`} className="panel home-draft">
          <h2 id={`draft-${d.id}-title`}>
            <Link to={`/drafts/${d.id}`}>{d.title}</Link>
          </h2>
          <p className="muted">
            {d.latestVersion ? (
              <>
                最新の版 <Link to={`/drafts/${d.id}/versions/${d.latestVersion.id}`}>{d.latestVersion.label}</Link>（
                <JapaneseDate date={d.latestVersion.date} />）　
              </>
            ) : (
              "版はまだありません　"
            )}
            最終更新 <JapaneseDate date={d.updatedOn} />　意見 {d.comments.total}件（未解決 {d.comments.open}件・対応区分の未設定 {d.comments.awaitingCount}件）
          </p>
          {d.comments.articles.length ? (
            <div className="home-heat" role="list" aria-label="条ごとの未解決の意見">
              {d.comments.articles.map((a) => (
                <Link
                  key={a.articleId}
                  role="listitem"
                  to={`/drafts/${d.id}`}
                  className="home-heat-cell"
                  style={{ ["--heat" as string]: String(Math.min(1, a.open / Math.max(1, ...d.comments.articles.map((x) => x.open)))) }}
                  aria-label={`${a.address}：未解決 ${a.open}件`}
                  title={`${a.address}：未解決 ${a.open}件`}
                >
                  {a.address}
                  <span className="home-heat-count">{a.open}</span>
                </Link>
              ))}
            </div>
          ) : (
            <p className="muted">まだ意見はありません。</p>
          )}
          {d.comments.awaiting.length ? (
            <>
              <h3>対応区分を待っている意見</h3>
              <ul className="plain-list">
                {d.comments.awaiting.map((t) => (
                  <li key={t.id}>
                    <Link to={`/drafts/${d.id}#comment-${t.id}`}>{t.address}</Link>
                    <span className="badge">{COMMENT_KIND_LABELS[t.kind]}</span>
                    <span className="muted">{t.onBehalfOf?.name ?? t.author.name}さん：</span>
                    {t.body.length > 60 ? `${t.body.slice(0, 60)}…` : t.body}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}

      <div className="two-columns">
        <section aria-labelledby="latest-decisions-title" className="panel">
          <h2 id="latest-decisions-title">最近の決定事項</h2>
          {data.decisions.length ? (
            <ul className="plain-list">
              {data.decisions.map((d) => (
                <li key={d.id}>
                  <JapaneseDate date={d.decidedOn} /> {d.bodyName ? <span className="tag">{d.bodyName}</span> : null}
                  <p>{d.text.length > 80 ? `${d.text.slice(0, 80)}…` : d.text}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">まだ決定事項はありません。</p>
          )}
          <p>
            <Link to="/decisions">決定事項をすべて見る</Link>
          </p>
        </section>
        <section aria-labelledby="latest-records-title" className="panel">
          <h2 id="latest-records-title">最近の資料</h2>
          {data.records.length ? (
            <ul className="plain-list">
              {data.records.map((r) => (
                <li key={r.id}>
                  <span className="tag">{RECORD_KIND_LABELS[r.kind]}</span> <Link to={`/knowledge/${r.id}`}>{r.title}</Link>{" "}
                  {r.date ? <JapaneseDate date={r.date} precision={r.datePrecision} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">まだ資料はありません。</p>
          )}
          <p>
            <Link to="/knowledge">ナレッジをすべて見る</Link>
          </p>
        </section>
      </div>

      <section aria-labelledby="sections-title">
        <h2 id="sections-title" className="visually-hidden">
          各画面
        </h2>
        <ul className="card-grid">
          <li className="card">
            <h3>
              <Link to="/knowledge">ナレッジ</Link>
            </h3>
            <p>施策・会議録・計画・調査・法令などの資料を一か所で探せます。</p>
          </li>
          <li className="card">
            <h3>
              <Link to="/decisions">決定事項</Link>
            </h3>
            <p>会議で決まったことを、出典の会議録とあわせて確認できます。</p>
          </li>
          <li className="card">
            <h3>
              <Link to="/drafts">条例案</Link>
            </h3>
            <p>
              {permissions["draft.edit"]
                ? "条・項・号の構造を保ったまま、PTメンバーと同時に起草できます。"
                : "起草中の条例案を閲覧できます。"}
              {permissions["comment.create"] ? "条ごとに意見を提出できます。" : ""}
            </p>
          </li>
          {permissions["user.manage"] ? (
            <li className="card">
              <h3>
                <Link to="/admin">管理</Link>
              </h3>
              <p>利用者の追加、役割の変更、アカウントの無効化を行います。</p>
            </li>
          ) : null}
        </ul>
      </section>

      <div className="two-columns">
        <section aria-labelledby="pt-title" className="panel">
          <h2 id="pt-title">PTの部局と担当テーマ</h2>
          <dl className="definition-list">
            {data.departments.map((d) => (
              <div key={d.name}>
                <dt>{d.name}</dt>
                <dd>{d.themes}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="bodies-title" className="panel">
          <h2 id="bodies-title">会議体</h2>
          <ul className="plain-list">
            {data.bodies.map((b) => (
              <li key={b.name}>
                <strong>{b.name}</strong>
                <span className="tag">{b.level}</span>
                <p className="muted">{b.description}</p>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
