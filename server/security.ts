import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

/** Per-request nonce and headers: CSP allows only our own and nonce-tagged scripts. */
export function securityHeaders(req: Request, res: Response, next: NextFunction) {
  const nonce = randomBytes(16).toString("base64");
  res.locals.nonce = nonce;
  const wsHost = (req.get("host") ?? "localhost").replace(/[^A-Za-z0-9.:\-\[\]]/g, "");
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      // Only this site's own WebSocket endpoint (older browsers do not read 'self' as ws:).
      `connect-src 'self' ws://${wsHost} wss://${wsHost}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  next();
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence in depth next to SameSite=Lax cookies: a state-changing request that a
 * browser marks as coming from another origin is refused before any route runs.
 */
export function originCheck(publicUrl: string | undefined) {
  const allowed = publicUrl ? new URL(publicUrl).origin : undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin");
    const fetchSite = req.get("sec-fetch-site");
    const expected = allowed ?? `${req.protocol}://${req.get("host")}`;
    const crossOrigin = origin ? origin !== expected : fetchSite === "cross-site";
    if (crossOrigin) {
      res
        .status(403)
        .type("text/plain; charset=utf-8")
        .send("別のサイトからの送信は受け付けていません。Kizunaの画面から操作してください。");
      return;
    }
    next();
  };
}

/**
 * Browsers send Origin with every WebSocket upgrade and attach cookies to it, so a page on
 * another site could otherwise open a collaboration session as the visitor. Clients
 * without Origin (scripts using a token) are let through to authenticate.
 */
export function upgradeOriginAllowed(request: import("node:http").IncomingMessage, publicUrl: string | undefined): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  const expected = publicUrl ? new URL(publicUrl).origin : null;
  if (expected) return origin === expected;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
