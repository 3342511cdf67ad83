import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { ADMISSION_LIMITS, admission } from "./admission";
import { originCheck, securityHeaders, upgradeOriginAllowed } from "./security";
import { createCollabServer } from "../collab-server/server";
import { healthRoutes } from "./health";
import { log as processLog, type Logger } from "./log";
import { errorFallback, requestLogging, type RequestInfo } from "./request-log";
import type { Services } from "./services";

export const BUILD_DIR = path.resolve("build");
export const PUBLIC_DIR = path.resolve("public");

/** How long a shutdown lets requests in flight finish before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface AppServer {
  http: http.Server;
  /**
   * Graceful stop: no new connections or upgrades, /readyz says so, collaboration sessions
   * end with their documents stored, and requests in flight get up to `graceMs` to finish.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** The Express app: request ids and logs, security headers, probes, static assets, CSRF check, admission, then Remix. */
export async function createHttpServer(services: Services, options: { log?: Logger } = {}): Promise<AppServer> {
  const log = options.log ?? processLog;
  const build = (await import(pathToFileURL(path.join(BUILD_DIR, "index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  // Behind a proxy (DEPLOY.md) req.ip and req.protocol must come from X-Forwarded-*.
  if (services.config.publicUrl) app.set("trust proxy", "loopback");
  let shuttingDown = false;

  app.use(requestLogging(log.child({ component: "http" })));
  app.use((_req, res, next) => {
    if (shuttingDown) res.setHeader("Connection", "close"); // lets the connection end after this response
    next();
  });
  app.use(securityHeaders);
  // Probes: before static files, sessions, the CSRF check and Remix; no rate limit applies.
  app.use(healthRoutes({ db: services.db, meiliUrl: services.config.meiliUrl, log: log.child({ component: "health" }) }, () => shuttingDown));
  app.use("/build", express.static(path.join(PUBLIC_DIR, "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(PUBLIC_DIR, { maxAge: "1h" }));
  app.use(originCheck(services.config.publicUrl));
  app.use(admission(ADMISSION_LIMITS[services.db.kind]));
  app.all(
    "*",
    createRequestHandler({
      build,
      // Anything but an explicit development run hides error details from the browser.
      mode: process.env.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: (req, res) => ({
        services,
        nonce: res.locals.nonce as string,
        clientIp: req.ip ?? "unknown",
        requestInfo: res.locals.requestInfo as RequestInfo,
      }),
    }),
  );
  app.use(errorFallback(log));
  const server = http.createServer(app);
  // The collaboration server shares the port: WebSocket upgrades on /collab go to Hocuspocus.
  const collab = createCollabServer(services.db, { redisUrl: services.config.redisUrl, log: log.child({ component: "collab" }) });
  server.on("upgrade", (request, socket, head) => {
    if (shuttingDown) {
      socket.end("HTTP/1.1 503 Service Unavailable\r\n\r\n");
      return;
    }
    if (!upgradeOriginAllowed(request, services.config.publicUrl)) {
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    if (!collab.handleUpgrade(request, socket, head)) socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
  });
  return {
    http: server,
    async close({ graceMs = SHUTDOWN_GRACE_MS } = {}) {
      shuttingDown = true;
      // Stops listening and ends idle keep-alive connections; resolves when every connection is gone.
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      // A connection whose last response went out before Connection: close was set idles on.
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      try {
        await collab.close({ graceMs: Math.min(graceMs, 5000) });
        const cut = await Promise.race([drained.then(() => false), new Promise<boolean>((resolve) => setTimeout(resolve, graceMs, true).unref())]);
        if (cut) {
          log.warn({ graceMs }, "requests still running after the grace period; closing their connections");
          server.closeAllConnections();
          await drained;
        }
      } finally {
        clearInterval(sweep);
      }
    },
  };
}
