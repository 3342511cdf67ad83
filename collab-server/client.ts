import type { HocuspocusProvider } from "@hocuspocus/provider";
import { isDocumentUpdateMessage } from "./protocol";

/**
 * Makes "saved" true after a reconnect. The provider (3.4) queues each edit made while
 * offline and, on reconnecting, resets its count of unconfirmed changes to one and sends
 * the queue: the first confirmation brings the count to zero while the other queued edits
 * are not yet stored. The queued edits are dropped instead; the sync that follows every
 * reconnect carries all of them in one message, confirmed once it is stored.
 */
export function confirmOfflineEditsBySync(provider: HocuspocusProvider): void {
  const socket = provider.configuration.websocketProvider as unknown as {
    on(event: "connect", listener: () => void): void;
    messageQueue: Uint8Array[];
  };
  // "connect" is emitted just before the queue is flushed.
  socket.on("connect", () => {
    socket.messageQueue = socket.messageQueue.filter((message) => !isDocumentUpdateMessage(message));
  });
}
