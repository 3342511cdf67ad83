import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "../db/database";
import { migrate } from "../db/migrate";
import { openPostgres } from "../db/postgres";
import { UserFacingError } from "../lib/errors";
import { loadConfig, type Config } from "../server/config";
import { readinessReply } from "../server/health";
import { log, routeConsoleToLog } from "../server/log";
import { upgradeOriginAllowed } from "../server/security";
import { stopOnSignals } from "../server/shutdown";
import { COLLAB_PATH } from "./protocol";
import { createCollabServer } from "./server";

// The collaboration server on its own port, for deployments that run it apart from the app
// (`kizuna collab`, `node collab-server`). It serves /collab, /healthz and /readyz, nothing else.

/** Beside the app's default 3000, so both can run on one machine without flags. */
export const DEFAULT_COLLAB_PORT = 3001;

export interface StandaloneCollab {
  /** ws://host:port/collab, with the port actually bound. */
  url: string;
  close(): Promise<void>;
}

export class EmbeddedDatabaseRefusedError extends UserFacingError {
  constructor() {
    super(
      "共同編集サーバーを単独で起動するには、サーバー版のPostgres(DATABASE_URL)が必要です。" +
        "組み込みデータベースは1つのプロセスしか開けないため、アプリ(npm start)が同じポートで共同編集も提供しています。" +
        "単独で動かす場合は DATABASE_URL にサーバー版Postgresを指定してから、もう一度実行してください。",
      400,
      "collab_needs_server_postgres",
    );
  }
}

function shownHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}

/** Opens server Postgres, migrates it (safe beside the app: migrations take a lock) and listens. */
export async function startStandaloneCollab(config: Config): Promise<StandaloneCollab> {
  if (!config.databaseUrl) throw new EmbeddedDatabaseRefusedError();
  const db: Database = await openPostgres(config.databaseUrl);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  const collab = createCollabServer(db, { redisUrl: config.redisUrl, log: log.child({ component: "collab" }) });
  let shuttingDown = false;
  const server = http.createServer((request, response) => {
    const path = (request.url ?? "").split("?")[0];
    const probe = request.method === "GET" || request.method === "HEAD";
    if (probe && path === "/healthz") {
      response.writeHead(200, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }).end("ok");
      return;
    }
    if (probe && path === "/readyz") {
      readinessReply({ db, log: log.child({ component: "health" }) }, shuttingDown).then(
        ({ status, body }) => {
          response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" }).end(JSON.stringify(body));
        },
        (error: unknown) => {
          log.error({ err: error }, "readiness check broke");
          response.writeHead(500).end();
        },
      );
      return;
    }
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`WebSocket only: ${COLLAB_PATH}`);
  });
  server.on("upgrade", (request, socket, head) => {
    // A cookie alone authenticates a connection, so another site's page must not open one.
    if (!upgradeOriginAllowed(request, config.publicUrl)) {
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    if (!collab.handleUpgrade(request, socket, head)) socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.port, config.host, resolve);
    });
  } catch (error) {
    await collab.close();
    await db.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://${shownHost(config.host)}:${port}${COLLAB_PATH}`,
    async close() {
      shuttingDown = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await collab.close();
      server.closeAllConnections(); // probes only: nothing worth waiting for
      await closed;
      await db.close();
    },
  };
}

/**
 * Runs until SIGTERM or SIGINT. PORT and HOST apply as for every command, the flags win;
 * without either the port is DEFAULT_COLLAB_PORT.
 */
export async function runStandaloneCollab(flags: { port?: number; host?: string } = {}): Promise<void> {
  routeConsoleToLog();
  const config = loadConfig();
  const port = flags.port ?? (process.env.PORT ? config.port : DEFAULT_COLLAB_PORT);
  const collab = await startStandaloneCollab({ ...config, port, host: flags.host ?? config.host });
  log.info({ url: collab.url }, `Kizuna collaboration server is running: ${collab.url}`);
  stopOnSignals(log, () => collab.close());
}
