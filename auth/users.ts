import type { Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { UserFacingError } from "../lib/errors";
import { hashPassword } from "./password";
import { LOGIN_PATTERN, MIN_PASSWORD_LENGTH } from "./rules";
import { isRole, ROLE_LABELS, type Role } from "./roles";
import { revokeAllSessions } from "./sessions";
import { recordAudit } from "./audit";

export interface User {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  active: boolean;
  departmentId: number | null;
  createdAt: Date;
}

const USER_COLUMNS = `id, login, display_name AS "displayName", role, active,
  department_id AS "departmentId", created_at AS "createdAt"`;

export interface NewUser {
  login: string;
  displayName?: string;
  role: string;
  password: string;
  departmentId?: number | null;
}

/** Creates an account; throws UserFacingError for a bad login, role or password. */
export async function createUser(db: Queryable, input: NewUser, actorId: number | null = null): Promise<User> {
  const login = input.login.trim();
  if (!LOGIN_PATTERN.test(login)) {
    throw new UserFacingError(
      "ログインIDは半角の英小文字・数字・記号(. _ -)で2〜32文字にしてください。先頭は英小文字か数字です。",
    );
  }
  if (!isRole(input.role)) {
    throw new UserFacingError("役割は admin・pt・study・staff のいずれかを指定してください。");
  }
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new UserFacingError(`パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。`);
  }
  if (await findUserByLogin(db, login)) {
    throw new UserFacingError(`ログインID「${login}」は既に使われています。別のIDを指定してください。`, 409, "conflict");
  }
  const displayName = input.displayName?.trim() || login;
  const passwordHash = await hashPassword(input.password);
  const user = await queryOne<User>(
    db,
    `INSERT INTO users (login, display_name, role, password_hash, department_id)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${USER_COLUMNS}`,
    [login, displayName, input.role, passwordHash, input.departmentId ?? null],
  );
  await recordAudit(db, actorId, "user.create", `user:${user!.id}`, { login, role: input.role });
  return user!;
}

export async function findUserByLogin(db: Queryable, login: string): Promise<User | undefined> {
  return queryOne<User>(db, `SELECT ${USER_COLUMNS} FROM users WHERE login = $1`, [login]);
}

export async function findUserById(db: Queryable, id: number): Promise<User | undefined> {
  return queryOne<User>(db, `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
}

export async function listUsers(db: Queryable): Promise<User[]> {
  return db.query<User>(`SELECT ${USER_COLUMNS} FROM users ORDER BY role, login`);
}

async function requireUser(db: Queryable, id: number): Promise<User> {
  const user = await findUserById(db, id);
  if (!user) throw new UserFacingError("指定された利用者が見つかりません。一覧を再読み込みしてください。", 404, "not_found");
  return user;
}

/** Changing a role ends every session and token of that person, so the new rights apply at once. */
export async function changeRole(db: Queryable, id: number, role: string, actorId: number | null): Promise<User> {
  if (!isRole(role)) throw new UserFacingError("役割は admin・pt・study・staff のいずれかを指定してください。");
  const user = await requireUser(db, id);
  if (user.role === role) return user;
  if (user.role === "admin" && (await countActiveAdmins(db)) <= 1) {
    throw new UserFacingError("最後の事務局アカウントの役割は変更できません。先に別の事務局アカウントを作成してください。", 409, "conflict");
  }
  await db.query("UPDATE users SET role = $2, updated_at = now() WHERE id = $1", [id, role]);
  await revokeAllSessions(db, id);
  await recordAudit(db, actorId, "user.role", `user:${id}`, { from: user.role, to: role });
  return { ...user, role };
}

export async function setActive(db: Queryable, id: number, active: boolean, actorId: number | null): Promise<User> {
  const user = await requireUser(db, id);
  if (user.active === active) return user;
  if (!active && user.role === "admin" && (await countActiveAdmins(db)) <= 1) {
    throw new UserFacingError("最後の事務局アカウントは無効にできません。", 409, "conflict");
  }
  await db.query("UPDATE users SET active = $2, updated_at = now() WHERE id = $1", [id, active]);
  if (!active) await revokeAllSessions(db, id);
  await recordAudit(db, actorId, active ? "user.activate" : "user.deactivate", `user:${id}`, {});
  return { ...user, active };
}

async function countActiveAdmins(db: Queryable): Promise<number> {
  const row = await queryOne<{ n: number }>(db, "SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active");
  return row?.n ?? 0;
}

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}
