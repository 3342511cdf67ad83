import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Hocuspocus } from "@hocuspocus/server";
import { WebSocketServer } from "ws";
import type { Database } from "../db/database";
import { AuthExtension } from "./extensions/auth";
import { LiveEventsExtension } from "./extensions/live-events";
import { DEFAULT_LIMITS, LimitsExtension } from "./extensions/limits";
import { PersistenceExtension } from "./extensions/persistence";
import { RedisExtension } from "./extensions/redis";
import { SchemaGuardExtension } from "./extensions/schema-guard";
import { SessionWatchExtension } from "./extensions/session-watch";
import { COLLAB_PATH } from "./protocol";

export interface CollabServer {
  hocuspocus: Hocuspocus;
  /** Hands a WebSocket upgrade on COLLAB_PATH to Hocuspocus; returns false for other paths. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

export interface CollabServerOptions {
  /** Relay documents between collab-server processes through this Redis (scale-out). */
  redisUrl?: string;
}

export function createCollabServer(db: Database, options: CollabServerOptions = {}): CollabServer {
  // Extensions must be given to the constructor: it sorts them and runs onConfigure.
  const scaleOut = options.redisUrl ? [new RedisExtension(options.redisUrl)] : [];
  const hocuspocus = new Hocuspocus({
    name: "kizuna-collab",
    quiet: true,
    // Compaction, not durability: every update is already stored when it arrives.
    debounce: 3000,
    maxDebounce: 20000,
    extensions: [new AuthExtension(db), new LimitsExtension(), new SchemaGuardExtension(), new PersistenceExtension(db), new SessionWatchExtension(db), new LiveEventsExtension(db), ...scaleOut],
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: DEFAULT_LIMITS.maxMessageBytes });
  return {
    hocuspocus,
    handleUpgrade(request, socket, head) {
      const path = (request.url ?? "").split("?")[0];
      if (path !== COLLAB_PATH) return false;
      wss.handleUpgrade(request, socket, head, (ws) => hocuspocus.handleConnection(ws as never, request));
      return true;
    },
    async close() {
      // Nothing to flush: every accepted update is stored before it is applied.
      hocuspocus.closeConnections();
      await hocuspocus.hooks("onDestroy", { instance: hocuspocus });
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
