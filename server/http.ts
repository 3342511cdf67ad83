import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { originCheck, securityHeaders } from "./security";
import type { Services } from "./services";

export const BUILD_DIR = path.resolve("build");
export const PUBLIC_DIR = path.resolve("public");

/** The Express app: static assets, security middleware, then every page through Remix. */
export async function createHttpServer(services: Services): Promise<http.Server> {
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
  return http.createServer(app);
}
