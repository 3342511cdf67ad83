import type { Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { UserFacingError } from "../lib/errors";
import { decoyPasswordHash, verifyPassword } from "./password";
import { issueSession, type IssuedSecret } from "./sessions";

// Throttling counts failures in a window, per login and per address, in the database so
// that every app instance sees the same counts.
const WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_LOGIN = 10;
const MAX_FAILURES_PER_IP = 30;

export const WRONG_CREDENTIALS = "ログインIDまたはパスワードが正しくありません。入力内容を確かめて、もう一度お試しください。";
export const THROTTLED = `ログインの失敗が続いたため、一時的にログインを制限しています。${WINDOW_MINUTES}分ほど待ってから、もう一度お試しください。`;

export interface LoginResult extends IssuedSecret {
  userId: number;
}

/** Checks the password and opens a session; one message for every kind of failure. */
export async function logIn(db: Queryable, login: string, password: string, ip: string): Promise<LoginResult> {
  const normalized = login.trim().toLowerCase().slice(0, 64);
  if (await isThrottled(db, normalized, ip)) {
    throw new UserFacingError(THROTTLED, 429, "throttled");
  }
  const user = await queryOne<{ id: number; passwordHash: string; active: boolean }>(
    db,
    `SELECT id, password_hash AS "passwordHash", active FROM users WHERE login = $1`,
    [normalized],
  );
  const ok = await verifyPassword(password.slice(0, 1024), user?.passwordHash ?? (await decoyPasswordHash()));
  const succeeded = Boolean(user && user.active && ok);
  await db.query("INSERT INTO login_attempts (login, ip, succeeded) VALUES ($1, $2, $3)", [normalized, ip, succeeded]);
  if (!succeeded || !user) throw new UserFacingError(WRONG_CREDENTIALS, 401, "unauthenticated");
  const session = await issueSession(db, user.id, "session");
  return { ...session, userId: user.id };
}

async function isThrottled(db: Queryable, login: string, ip: string): Promise<boolean> {
  const row = await queryOne<{ byLogin: number; byIp: number }>(
    db,
    `SELECT count(*) FILTER (WHERE login = $1)::int AS "byLogin",
            count(*) FILTER (WHERE ip = $2)::int AS "byIp"
       FROM login_attempts
      WHERE NOT succeeded AND at > now() - make_interval(mins => $3)
        AND (login = $1 OR ip = $2)`,
    [login, ip, WINDOW_MINUTES],
  );
  return (row?.byLogin ?? 0) >= MAX_FAILURES_PER_LOGIN || (row?.byIp ?? 0) >= MAX_FAILURES_PER_IP;
}
