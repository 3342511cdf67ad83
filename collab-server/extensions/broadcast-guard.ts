import type { beforeHandleMessagePayload, Extension } from "@hocuspocus/server";
import { CloseCode, isClientBroadcast } from "../protocol";

// Hocuspocus relays a client's BroadcastStateless frame to every connection of the document.
// Live events (a comment written, a draft renamed) travel that way from the server, so a
// reader could forge them for everyone's editor. Our clients never broadcast: refuse it.

export class BroadcastGuardExtension implements Extension {
  extensionName = "kizuna-broadcast-guard";

  async beforeHandleMessage({ update, connection, documentName }: beforeHandleMessagePayload): Promise<void> {
    if (!isClientBroadcast(update)) return;
    connection.webSocket.close(CloseCode.Forbidden, "broadcast refused");
    throw Object.assign(new Error(`broadcast refused on ${documentName}`), { code: CloseCode.Forbidden, reason: "broadcast refused" });
  }
}
