import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Hocuspocus } from "@hocuspocus/server";
import { WebSocketServer } from "ws";
import type { Database } from "../db/database";
import { installAwarenessRelay } from "./awareness-relay";
import { AuthExtension } from "./extensions/auth";
import { BroadcastGuardExtension } from "./extensions/broadcast-guard";
import { LiveEventsExtension } from "./extensions/live-events";
import { DEFAULT_LIMITS, LimitsExtension } from "./extensions/limits";
import { LoggingExtension } from "./extensions/logging";
import { PersistenceExtension } from "./extensions/persistence";
import { RedisExtension } from "./extensions/redis";
import { SchemaGuardExtension } from "./extensions/schema-guard";
import { SessionWatchExtension } from "./extensions/session-watch";
import { log as processLog, type Logger } from "../server/log";
import { COLLAB_PATH } from "./protocol";

export interface CollabServer {
  hocuspocus: Hocuspocus;
  /** Hands a WebSocket upgrade on COLLAB_PATH to Hocuspocus; returns false for other paths. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /**
   * Refuses new connections, ends open ones (code 1001, clients reconnect elsewhere or
   * later), runs the pending compactions and waits for stores in flight, at most `graceMs`.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

export interface CollabServerOptions {
  /** Relay documents between collab-server processes through this Redis (scale-out). */
  redisUrl?: string;
  log?: Logger;
}

/** WebSocket close code for "the server is going away" (RFC 6455). */
const GOING_AWAY = 1001;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createCollabServer(db: Database, options: CollabServerOptions = {}): CollabServer {
  const log = options.log ?? processLog.child({ component: "collab" });
  // Extensions must be given to the constructor: it sorts them and runs onConfigure.
  const scaleOut = options.redisUrl ? [new RedisExtension(options.redisUrl)] : [];
  installAwarenessRelay(); // before the first document binds Hocuspocus' own
  const hocuspocus = new Hocuspocus({
    name: "kizuna-collab",
    quiet: true,
    // Compaction, not durability: every update is already stored when it arrives.
    debounce: 3000,
    maxDebounce: 20000,
    extensions: [
      new LoggingExtension(log),
      new AuthExtension(db),
      new LimitsExtension(),
      new BroadcastGuardExtension(),
      new SchemaGuardExtension(),
      new PersistenceExtension(db),
      new SessionWatchExtension(db),
      new LiveEventsExtension(db),
      ...scaleOut,
    ],
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: DEFAULT_LIMITS.maxMessageBytes });
  let closing = false;
  return {
    hocuspocus,
    handleUpgrade(request, socket, head) {
      const path = (request.url ?? "").split("?")[0];
      if (path !== COLLAB_PATH) return false;
      if (closing) {
        socket.end("HTTP/1.1 503 Service Unavailable\r\n\r\n");
        return true;
      }
      wss.handleUpgrade(request, socket, head, (ws) => hocuspocus.handleConnection(ws as never, request));
      return true;
    },
    async close({ graceMs = 5000 } = {}) {
      closing = true;
      const deadline = Date.now() + graceMs;
      // Every accepted update is stored before it is applied; what is left is the debounced
      // compaction (which also queues the text for search) and unloading each document.
      hocuspocus.closeConnections();
      for (const client of wss.clients) client.close(GOING_AWAY, "server shutting down");
      for (const document of hocuspocus.documents.values()) {
        Promise.resolve(hocuspocus.debouncer.executeNow(`onStoreDocument-${document.name}`)).catch((error) =>
          log.warn({ document: document.name, error: (error as Error)?.message }, "compaction at shutdown failed"),
        );
      }
      while (hocuspocus.getDocumentsCount() > 0 && Date.now() < deadline) await sleep(25);
      if (hocuspocus.getDocumentsCount() > 0) log.warn({ documents: hocuspocus.getDocumentsCount() }, "documents still open at shutdown");
      await hocuspocus.hooks("onDestroy", { instance: hocuspocus });
      while (wss.clients.size > 0 && Date.now() < deadline) await sleep(25);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
