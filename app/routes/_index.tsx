import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { permissionsOf } from "../../auth/policy";
import { ROLE_LABELS, type Role } from "../../auth/roles";
import { requireUser } from "../lib/auth.server";

export const meta: MetaFunction = () => [{ title: "ホーム | Kizuna（絆）" }];

const ROLE_INTRO: Record<Role, string> = {
  admin: "利用者の追加や役割の変更、アカウントの無効化を行えます。ナレッジの閲覧と記録もできます。",
  pt: "条例案を共同で起草し、意見に対応します。ナレッジの記録と閲覧もできます。",
  study: "条例案を閲覧し、条ごとに意見や修文案を提出できます。本文を直接編集することはできません。",
  staff: "施策・会議録・計画・調査・法令を記録し、過去の決定事項を検索できます。",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db } = context.services;
  const departments = await db.query<{ name: string; themes: string }>(
    "SELECT name, themes FROM departments ORDER BY sort_order",
  );
  const bodies = await db.query<{ name: string; level: string; description: string }>(
    "SELECT name, level, description FROM bodies ORDER BY sort_order",
  );
  return {
    displayName: user.displayName,
    roleLabel: ROLE_LABELS[user.role],
    intro: ROLE_INTRO[user.role],
    permissions: permissionsOf(user),
    departments,
    bodies,
  };
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
