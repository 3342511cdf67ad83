import type { AppLoadContext } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { can, type Action } from "../../auth/policy";
import { resolveSession, type SessionUser } from "../../auth/sessions";

// The session cookie carries the raw session secret (only its hash is stored), so the
// collaboration client can present the same value as its token.
export const SESSION_COOKIE = "kizuna_session";

export function readSessionSecret(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return decodeCookieValue(rest.join("="));
  }
  return null;
}

/** A malformed %-escape is someone's tampering, not a server error: it is looked up as is and found nowhere. */
function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function isSecure(request: Request, context: AppLoadContext): boolean {
  const publicUrl = context.services.config.publicUrl;
  return (publicUrl ?? request.url).startsWith("https:");
}

export function sessionCookie(request: Request, context: AppLoadContext, secret: string, expires: Date): string {
  const secure = isSecure(request, context) ? "; Secure" : "";
  return `${SESSION_COOKIE}=${secret}; Path=/; HttpOnly; SameSite=Lax; Expires=${expires.toUTCString()}${secure}`;
}

export function clearedSessionCookie(request: Request, context: AppLoadContext): string {
  const secure = isSecure(request, context) ? "; Secure" : "";
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}

/**
 * One session lookup per page view: the root loader and the route's loader both ask, in
 * parallel, within one HTTP request (one requestInfo). Only for GET and HEAD: a POST's action
 * may end or change the session before its loaders run, so they look again.
 */
const lookups = new WeakMap<object, Promise<SessionUser | null>>();

export async function getCurrentUser(request: Request, context: AppLoadContext): Promise<SessionUser | null> {
  const info = context.requestInfo;
  const reuse = info && (request.method === "GET" || request.method === "HEAD");
  let lookup = reuse ? lookups.get(info) : undefined;
  if (!lookup) {
    lookup = resolveSession(context.services.db, readSessionSecret(request));
    if (reuse) lookups.set(info, lookup);
  }
  const user = await lookup;
  if (user && info) info.userId = user.id; // for the request's log line
  return user;
}

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await getCurrentUser(request, context);
  if (!user) {
    const url = new URL(request.url);
    const next = url.pathname + url.search;
    throw redirect(`/login?next=${encodeURIComponent(next)}`, {
      headers: readSessionSecret(request) ? { "Set-Cookie": clearedSessionCookie(request, context) } : undefined,
    });
  }
  return user;
}

/** requireUser, then a 403 page unless the policy allows the action. */
export async function requirePermission(
  request: Request,
  context: AppLoadContext,
  action: Action,
): Promise<SessionUser> {
  const user = await requireUser(request, context);
  if (!can(user, action)) throw forbidden();
  return user;
}

export function forbidden() {
  return data({ message: "この操作を行う権限がありません。" }, { status: 403 });
}

/** Only same-site paths are allowed as a post-login destination (no open redirects). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
