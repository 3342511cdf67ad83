import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { confirmOfflineEditsBySync } from "../../collab-server/client";
import { COLLAB_PATH, draftDocumentName, PROSEMIRROR_FRAGMENT } from "../../collab-server/protocol";

export interface CollabClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Resolves once the server has every local change (unsyncedChanges back to 0). */
  settled(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

export interface CollabClientOptions {
  /** Keep editing this document (a client that lived through a server restart). */
  doc?: Y.Doc;
  /** Retry quickly after the server went away (the provider's default backs off to 30 s). */
  fastReconnect?: boolean;
}

/**
 * ws reports closing a socket that is still connecting as an 'error' event, which ends the
 * process when nobody listens; the provider does that when it gives up a connection attempt
 * (a server dropping sockets while its database restarts). Browsers stay silent; so does this.
 */
class BrowserLikeWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on("error", () => {});
  }
}

/** The real @hocuspocus/provider in Node, as scripts and tests use it. */
export async function connectCollab(
  origin: string,
  draftId: number,
  token: string,
  options: CollabClientOptions = {},
): Promise<CollabClient & { authFailed: Promise<string> }> {
  const doc = options.doc ?? new Y.Doc();
  let failed: (reason: string) => void;
  const authFailed = new Promise<string>((resolve) => (failed = resolve));
  const socket = new HocuspocusProviderWebsocket({
    url: origin.replace(/^http/, "ws") + COLLAB_PATH,
    WebSocketPolyfill: BrowserLikeWebSocket,
    ...(options.fastReconnect ? { delay: 200, minDelay: 100, factor: 1.5, maxDelay: 1000, jitter: false } : {}),
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: draftDocumentName(draftId),
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => failed(reason),
  });
  confirmOfflineEditsBySync(provider); // as the editor does
  provider.attach(); // a provider given its own socket attaches only when told to
  return {
    doc,
    provider,
    authFailed,
    settled: (timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const stopListening = () => {
          provider.off("unsyncedChanges", check);
          provider.off("synced", check);
        };
        const timer = setTimeout(() => {
          stopListening();
          reject(new Error("changes not synced in time"));
        }, timeoutMs);
        const check = () => {
          if (provider.isSynced && provider.unsyncedChanges === 0) {
            clearTimeout(timer);
            stopListening();
            resolve();
          }
        };
        provider.on("unsyncedChanges", check);
        provider.on("synced", check);
        check();
      }),
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

/**
 * What a client was told about its edits: an edit counts as synced once the provider's
 * unsyncedChanges falls back to 0 after it (the server acknowledges each stored update).
 * Record an edit just before making it.
 */
export function syncLedger(client: CollabClient) {
  const synced: string[] = [];
  let pending: string[] = [];
  const onUnsynced = ({ number }: { number: number }) => {
    if (number === 0 && client.provider.isSynced) {
      synced.push(...pending);
      pending = [];
    }
  };
  client.provider.on("unsyncedChanges", onUnsynced);
  return {
    synced,
    get pending(): readonly string[] {
      return pending;
    },
    record(marker: string) {
      pending.push(marker);
    },
    stop() {
      client.provider.off("unsyncedChanges", onUnsynced);
    },
  };
}

/** The Y.XmlText of every 文 (sentence) in the draft, in document order. */
export function sentenceTexts(doc: Y.Doc): Y.XmlText[] {
  const texts: Y.XmlText[] = [];
  const walker = doc.getXmlFragment(PROSEMIRROR_FRAGMENT).createTreeWalker((node) => node instanceof Y.XmlElement && node.nodeName === "sentence");
  for (const sentence of walker) {
    const text = (sentence as Y.XmlElement).toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
    if (text) texts.push(text);
  }
  return texts;
}

/** The draft's text as plain characters (formatting dropped), for "is this edit there?" checks. */
export function draftPlainText(doc: Y.Doc): string {
  return sentenceTexts(doc)
    .map((text) => text.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === "string" ? op.insert : "")).join(""))
    .join("\n");
}
