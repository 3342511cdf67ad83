import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Hocuspocus } from "@hocuspocus/server";
import { WebSocketServer } from "ws";
import type { Database } from "../db/database";
import { AuthExtension } from "./extensions/auth";
import { LiveEventsExtension } from "./extensions/live-events";
import { PersistenceExtension } from "./extensions/persistence";
import { SessionWatchExtension } from "./extensions/session-watch";
import { COLLAB_PATH } from "./protocol";

export interface CollabServer {
  hocuspocus: Hocuspocus;
  /** Hands a WebSocket upgrade on COLLAB_PATH to Hocuspocus; returns false for other paths. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

export function createCollabServer(db: Database): CollabServer {
  const hocuspocus = new Hocuspocus({
    name: "kizuna-collab",
    quiet: true,
    // Compaction, not durability: every update is already stored when it arrives.
    debounce: 3000,
    maxDebounce: 20000,
    extensions: [new AuthExtension(db), new PersistenceExtension(db), new SessionWatchExtension(db), new LiveEventsExtension(db)],
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
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
