import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../../auth/rules";
import { ROLE_LABELS, ROLES } from "../../auth/roles";
import { isUserFacingError } from "../../lib/errors";
import { changeRole, createUser, listUsers, setActive } from "../lib/accounts.server";
import { requirePermission } from "../lib/auth.server";
import { formatDateTime } from "../lib/format";

export const meta: MetaFunction = () => [{ title: "管理 | Kizuna（絆）" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requirePermission(request, context, "user.manage");
  const { db } = context.services;
  const [users, departments, audit] = await Promise.all([
    listUsers(db),
    db.query<{ id: number; name: string }>("SELECT id, name FROM departments ORDER BY sort_order"),
    db.query<{ at: Date; action: string; actor: string | null; subject: string | null; detail: Record<string, unknown> }>(
      `SELECT a.at, a.action, actor.display_name AS actor, subject.display_name AS subject, a.detail
         FROM audit_log a
         LEFT JOIN users actor ON actor.id = a.actor_id
         LEFT JOIN users subject ON a.target = 'user:' || subject.id
        ORDER BY a.id DESC LIMIT 10`,
    ),
  ]);
  return { meId: me.id, users, departments, audit };
}

const AddUser = z.object({
  intent: z.literal("add"),
  login: z.string().trim(),
  displayName: z.string().trim().max(100),
  role: z.enum(ROLES),
  password: z.string().max(1024),
  departmentId: z.string().optional(),
});
const ChangeRole = z.object({ intent: z.literal("role"), userId: z.coerce.number().int(), role: z.enum(ROLES) });
const SetActive = z.object({
  intent: z.enum(["deactivate", "activate"]),
  userId: z.coerce.number().int(),
});
const AdminAction = z.discriminatedUnion("intent", [AddUser, ChangeRole, SetActive]);

export async function action({ request, context }: ActionFunctionArgs) {
  const me = await requirePermission(request, context, "user.manage");
  const parsed = AdminAction.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return data({ ok: false as const, message: "入力内容が正しくありません。各項目を確かめてください。" }, { status: 400 });
  }
  const input = parsed.data;
  const { db } = context.services;
  try {
    if (input.intent === "add") {
      const user = await db.transaction((tx) =>
        createUser(
          tx,
          {
            login: input.login,
            displayName: input.displayName,
            role: input.role,
            password: input.password,
            departmentId: input.departmentId ? Number(input.departmentId) : null,
          },
          me.id,
        ),
      );
      return { ok: true as const, message: `利用者「${user.displayName}」(${user.login})を追加しました。` };
    }
    if (input.intent === "role") {
      if (input.userId === me.id) {
        return data({ ok: false as const, message: "自分自身の役割は変更できません。別の事務局アカウントで操作してください。" }, { status: 400 });
      }
      const user = await db.transaction((tx) => changeRole(tx, input.userId, input.role, me.id));
      return { ok: true as const, message: `${user.displayName}さんの役割を「${ROLE_LABELS[user.role]}」に変更しました。` };
    }
    if (input.userId === me.id) {
      return data({ ok: false as const, message: "自分自身のアカウントは無効にできません。" }, { status: 400 });
    }
    const active = input.intent === "activate";
    const user = await db.transaction((tx) => setActive(tx, input.userId, active, me.id));
    return {
      ok: true as const,
      message: `${user.displayName}さんのアカウントを${active ? "有効" : "無効"}にしました。`,
    };
  } catch (error) {
    if (isUserFacingError(error)) return data({ ok: false as const, message: error.message }, { status: error.status });
    throw error;
  }
}

const AUDIT_LABELS: Record<string, string> = {
  "user.create": "アカウントを作成しました",
  "user.role": "役割を変更しました",
  "user.deactivate": "アカウントを無効にしました",
  "user.activate": "アカウントを有効にしました",
};

function roleName(role: unknown): string {
  return typeof role === "string" && role in ROLE_LABELS ? ROLE_LABELS[role as keyof typeof ROLE_LABELS] : "不明";
}

export default function Admin() {
  const { users, departments, audit, meId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <>
      <div className="page-heading">
        <h1>管理</h1>
        <div className="page-actions">
          <Link to="/admin/search" className="button-link">
            検索の言い換え（表記揺れ）
          </Link>
        </div>
      </div>
      {result ? (
        <p className={result.ok ? "form-success" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}

      <section aria-labelledby="users-title">
        <h2 id="users-title">利用者</h2>
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">利用者の一覧</caption>
            <thead>
              <tr>
                <th scope="col">ログインID</th>
                <th scope="col">表示名</th>
                <th scope="col">役割</th>
                <th scope="col">状態</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className={u.active ? undefined : "inactive"}>
                  <td>{u.login}</td>
                  <td>{u.displayName}</td>
                  <td>
                    {u.id === meId ? (
                      ROLE_LABELS[u.role]
                    ) : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="role" />
                        <input type="hidden" name="userId" value={u.id} />
                        <label htmlFor={`role-${u.id}`} className="visually-hidden">
                          {u.displayName}さんの役割
                        </label>
                        <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {ROLE_LABELS[r]}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button-quiet" disabled={busy}>
                          変更
                        </button>
                      </Form>
                    )}
                  </td>
                  <td>{u.active ? "有効" : "無効"}</td>
                  <td>
                    {u.id === meId ? (
                      <span className="muted">（ご自身）</span>
                    ) : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value={u.active ? "deactivate" : "activate"} />
                        <input type="hidden" name="userId" value={u.id} />
                        <button
                          type="submit"
                          className={u.active ? "button-danger" : "button-quiet"}
                          disabled={busy}
                          aria-label={`${u.displayName}さんのアカウントを${u.active ? "無効" : "有効"}にする`}
                        >
                          {u.active ? "無効にする" : "有効にする"}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">役割の変更やアカウントの無効化は、その方のすべてのログインをただちに終了させます。</p>
      </section>

      <section aria-labelledby="add-title" className="panel">
        <h2 id="add-title">利用者を追加</h2>
        {/* A new key after each successful add clears the form for the next person. */}
        <Form method="post" className="form-grid" key={result?.ok ? result.message : "add-user"}>
          <input type="hidden" name="intent" value="add" />
          <div className="field">
            <label htmlFor="new-login">ログインID</label>
            <input id="new-login" name="login" required pattern="[a-z0-9][a-z0-9._\-]{1,31}" aria-describedby="new-login-hint" />
            <p id="new-login-hint" className="hint">
              半角の英小文字・数字と . _ - で2〜32文字
            </p>
          </div>
          <div className="field">
            <label htmlFor="new-name">表示名</label>
            <input id="new-name" name="displayName" required maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="new-role">役割</label>
            <select id="new-role" name="role" defaultValue="staff">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="new-department">部局（任意）</label>
            <select id="new-department" name="departmentId" defaultValue="">
              <option value="">指定しない</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="new-password">初期パスワード</label>
            <input
              id="new-password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD_LENGTH}
              aria-describedby="new-password-hint"
            />
            <p id="new-password-hint" className="hint">
              {MIN_PASSWORD_LENGTH}文字以上
            </p>
          </div>
          <div className="field field-actions">
            <button type="submit" className="button-primary" disabled={busy}>
              追加する
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="audit-title">
        <h2 id="audit-title">最近の変更</h2>
        {audit.length === 0 ? (
          <p className="empty-state">まだ変更の記録はありません。</p>
        ) : (
          <ul className="plain-list audit-list">
            {audit.map((a, i) => (
              <li key={i}>
                <time dateTime={new Date(a.at).toISOString()}>{formatDateTime(a.at)}</time>{" "}
                {a.actor ?? "管理コマンド"}が{a.subject ? `${a.subject}さんの` : ""}
                {AUDIT_LABELS[a.action] ?? a.action}
                {a.action === "user.role" ? `（${roleName(a.detail.from)} → ${roleName(a.detail.to)}）` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
