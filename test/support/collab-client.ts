import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { COLLAB_PATH, draftDocumentName } from "../../collab-server/protocol";

export interface CollabClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Resolves once the server has every local change (unsyncedChanges back to 0). */
  settled(): Promise<void>;
  destroy(): void;
}

/** The real @hocuspocus/provider in Node, as scripts and tests use it. */
export async function connectCollab(origin: string, draftId: number, token: string): Promise<CollabClient & { authFailed: Promise<string> }> {
  const doc = new Y.Doc();
  let failed: (reason: string) => void;
  const authFailed = new Promise<string>((resolve) => (failed = resolve));
  const socket = new HocuspocusProviderWebsocket({ url: origin.replace(/^http/, "ws") + COLLAB_PATH, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: draftDocumentName(draftId),
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => failed(reason),
  });
  provider.attach(); // a provider given its own socket attaches only when told to
  return {
    doc,
    provider,
    authFailed,
    settled: () =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("changes not synced in time")), 10_000);
        const check = () => {
          if (provider.isSynced && provider.unsyncedChanges === 0) {
            clearTimeout(timer);
            provider.off("unsyncedChanges", check);
            provider.off("synced", check);
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
