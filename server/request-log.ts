import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "./log";

// Every request gets an id (the caller's X-Request-Id when it is a plain token, else a new
// UUID), echoed in the response and carried by each log line about it; one line says how
// it ended. The query string is never logged: search terms and names travel there.

/** What the server knows about the request being served; Remix's load context carries it. */
export interface RequestInfo {
  id: string;
  /** This request's logger: every line carries reqId. */
  log: Logger;
  /** Set when the session is resolved (app/lib/auth.server.ts), for the completion line. */
  userId?: number;
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:@=+\/-]{1,128}$/;

export function requestIdOf(header: string | undefined): string {
  return header && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Successful requests for assets and probes are logged at debug; they would drown the rest. */
function isRoutine(path: string): boolean {
  return path.startsWith("/build/") || path === "/healthz" || path === "/readyz" || path === "/favicon.ico";
}

export function requestLogging(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const id = requestIdOf(req.get("x-request-id"));
    const info: RequestInfo = { id, log: log.child({ reqId: id }) };
    res.locals.requestInfo = info;
    res.setHeader("X-Request-Id", id);
    const started = performance.now();
    // "close" follows "finish", and also comes alone when the client went away first.
    res.once("close", () => {
      const path = req.originalUrl.split("?")[0]!.slice(0, 300);
      const status = res.statusCode;
      const line = {
        method: req.method,
        path,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        userId: info.userId,
        aborted: res.writableFinished ? undefined : true,
      };
      const level = status >= 500 ? "error" : status < 400 && isRoutine(path) ? "debug" : "info";
      info.log[level](line, "request");
    });
    next();
  };
}

/**
 * Last in the chain: an error Express itself caught (Remix handles its own) is logged with
 * its stack and the request id, and the browser gets a plain message with that id only.
 */
export function errorFallback(log: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const info = res.locals.requestInfo as RequestInfo | undefined;
    const status = (error as { status?: unknown })?.status;
    const clientError = typeof status === "number" && status >= 400 && status < 500;
    if (!clientError) (info?.log ?? log).error({ err: error }, "unhandled error");
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res
      .status(clientError ? status : 500)
      .type("text/plain; charset=utf-8")
      .send(
        clientError
          ? "リクエストを処理できませんでした。アドレスを確かめてください。"
          : `サーバーで問題が発生しました。しばらくしてからもう一度お試しください。続く場合は管理者にこの番号をお伝えください: ${info?.id ?? "-"}`,
      );
  };
}
