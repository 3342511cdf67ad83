import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { originCheck, securityHeaders, upgradeOriginAllowed } from "./security";
import { createCollabServer } from "../collab-server/server";
import type { Services } from "./services";

export const BUILD_DIR = path.resolve("build");
export const PUBLIC_DIR = path.resolve("public");

export interface AppServer {
  http: http.Server;
  /** Ends collaboration sessions first (upgraded sockets keep an HTTP server open), then HTTP. */
  close(): Promise<void>;
}

/** The Express app: static assets, security middleware, then every page through Remix. */
export async function createHttpServer(services: Services): Promise<AppServer> {
  const build = (await import(pathToFileURL(path.join(BUILD_DIR, "index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  // Behind a proxy (DEPLOY.md) req.ip and req.protocol must come from X-Forwarded-*.
  if (services.config.publicUrl) app.set("trust proxy", "loopback");

  app.use(securityHeaders);
  app.use("/build", express.static(path.join(PUBLIC_DIR, "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(PUBLIC_DIR, { maxAge: "1h" }));
  app.use(originCheck(services.config.publicUrl));
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
      }),
    }),
  );
  const server = http.createServer(app);
  // The collaboration server shares the port: WebSocket upgrades on /collab go to Hocuspocus.
  const collab = createCollabServer(services.db, { redisUrl: services.config.redisUrl });
  server.on("upgrade", (request, socket, head) => {
    if (!upgradeOriginAllowed(request, services.config.publicUrl)) {
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    if (!collab.handleUpgrade(request, socket, head)) socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
  });
  return {
    http: server,
    async close() {
      await collab.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
