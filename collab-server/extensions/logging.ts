import type { connectedPayload, Extension } from "@hocuspocus/server";
import { log as processLog, type Logger } from "../../server/log";
import type { CollabContext } from "./auth";

/**
 * One line when a collaboration connection is established (after authentication) and one
 * when its socket closes, with the close code: which draft, which user, read-only or not.
 * Never the token, the cookie or any document content.
 */
export class LoggingExtension implements Extension {
  extensionName = "kizuna-logging";

  constructor(private readonly log: Logger = processLog.child({ component: "collab" })) {}

  async connected({ connection, context, socketId }: connectedPayload): Promise<void> {
    const { draftId, user } = context as CollabContext;
    const fields = { draftId, userId: user.id, socketId };
    this.log.info({ ...fields, readOnly: connection.readOnly }, "collab connected");
    const opened = performance.now();
    connection.webSocket.once("close", (code: number, reason: Buffer) => {
      const seconds = Math.round((performance.now() - opened) / 100) / 10;
      this.log.info({ ...fields, code, reason: reason.toString().slice(0, 120) || undefined, seconds }, "collab disconnected");
    });
  }
}
