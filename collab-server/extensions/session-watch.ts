import type { Connection, Extension, Hocuspocus, onConfigurePayload } from "@hocuspocus/server";
import type { Database } from "../../db/database";
import { CloseCode } from "../protocol";
import type { CollabContext } from "./auth";
import { log as processLog } from "../../server/log";

/** How often open connections are checked against the sessions table. */
export const SESSION_CHECK_INTERVAL_MS = 2000;

const log = processLog.child({ component: "collab" });

/**
 * Logout, deactivation and role change end a session (a role change revokes every session
 * of that user, so the next connection is authorised with the new role). Rights are decided
 * on connect, so this extension re-checks the sessions of open connections every couple of
 * seconds, in one query, and closes the sockets whose session has ended. Works across
 * processes: it reads the database, not this process's memory.
 */
export class SessionWatchExtension implements Extension {
  extensionName = "kizuna-session-watch";
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(
    private readonly db: Database,
    private readonly intervalMs = SESSION_CHECK_INTERVAL_MS,
  ) {}

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.timer = setInterval(() => void this.check(instance), this.intervalMs);
    this.timer.unref();
  }

  async onDestroy(): Promise<void> {
    clearInterval(this.timer);
  }

  /** Closes every connection whose session has ended; returns how many were closed. */
  async check(instance: Hocuspocus): Promise<number> {
    if (this.checking) return 0;
    this.checking = true;
    try {
      const connections: Connection[] = [];
      for (const document of instance.documents.values()) connections.push(...document.getConnections());
      if (!connections.length) return 0;
      const sessionIds = [...new Set(connections.map((c) => (c.context as CollabContext).user.sessionId))];
      const alive = await this.db.query<{ id: number }>(
        `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id = ANY($1::bigint[]) AND s.expires_at > now() AND u.active`,
        [sessionIds],
      );
      const aliveIds = new Set(alive.map((r) => r.id));
      let closed = 0;
      for (const connection of connections) {
        if (aliveIds.has((connection.context as CollabContext).user.sessionId)) continue;
        // The whole socket: every document on it was opened with the same session.
        connection.webSocket.close(CloseCode.SessionEnded, "session ended");
        closed++;
      }
      return closed;
    } catch (error) {
      // A database hiccup must not close anyone; the next round tries again.
      log.warn({ error: (error as Error).message }, "session check failed");
      return 0;
    } finally {
      this.checking = false;
    }
  }
}
