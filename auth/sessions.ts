import { createHash, randomBytes } from "node:crypto";
import type { Queryable } from "../db/database";
import { queryOne } from "../db/database";
import type { Role } from "./roles";

export type SessionKind = "session" | "token";

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const TOKEN_TTL_MS = 60 * 60 * 1000;
// Sliding sessions: push the expiry forward at most this often, not on every request.
const RENEW_AFTER_MS = 10 * 60 * 1000;
const TOKEN_PREFIX = "kzt_";

export interface SessionUser {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  active: boolean;
  sessionId: number;
  sessionKind: SessionKind;
}

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export interface IssuedSecret {
  secret: string;
  expiresAt: Date;
}

/** Issues a browser session (cookie value) or a CLI token; only its hash is stored. */
export async function issueSession(
  db: Queryable,
  userId: number,
  kind: SessionKind = "session",
  ttlMs: number = kind === "session" ? SESSION_TTL_MS : TOKEN_TTL_MS,
): Promise<IssuedSecret> {
  const secret = (kind === "token" ? TOKEN_PREFIX : "") + randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.query("INSERT INTO sessions (token_hash, user_id, kind, expires_at) VALUES ($1, $2, $3, $4)", [
    hashSecret(secret),
    userId,
    kind,
    expiresAt,
  ]);
  return { secret, expiresAt };
}

/**
 * The user behind a cookie value or token, or null when it is unknown, expired, revoked or
 * belongs to a deactivated account: callers treat all of these as "logged out".
 */
export async function resolveSession(db: Queryable, secret: string | null | undefined): Promise<SessionUser | null> {
  if (!secret || secret.length > 200) return null;
  const row = await queryOne<SessionUser & { expiresAt: Date; lastSeenAt: Date }>(
    db,
    `SELECT u.id, u.login, u.display_name AS "displayName", u.role, u.active,
            s.id AS "sessionId", s.kind AS "sessionKind", s.expires_at AS "expiresAt",
            s.last_seen_at AS "lastSeenAt"
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
    [hashSecret(secret)],
  );
  if (!row) return null;
  if (row.sessionKind === "session" && Date.now() - new Date(row.lastSeenAt).getTime() > RENEW_AFTER_MS) {
    await db.query("UPDATE sessions SET last_seen_at = now(), expires_at = $2 WHERE id = $1", [
      row.sessionId,
      new Date(Date.now() + SESSION_TTL_MS),
    ]);
  }
  const { expiresAt: _e, lastSeenAt: _l, ...user } = row;
  return user;
}

export async function revokeSession(db: Queryable, secret: string): Promise<void> {
  await db.query("DELETE FROM sessions WHERE token_hash = $1", [hashSecret(secret)]);
}

export async function revokeAllSessions(db: Queryable, userId: number): Promise<void> {
  await db.query("DELETE FROM sessions WHERE user_id = $1", [userId]);
}

export async function purgeExpiredSessions(db: Queryable): Promise<void> {
  await db.query("DELETE FROM sessions WHERE expires_at <= now()");
}
