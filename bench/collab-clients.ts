import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { COLLAB_PATH, PROSEMIRROR_FRAGMENT } from "../collab-server/protocol";

// Headless editors for the collaboration benchmark: the real @hocuspocus/provider in Node,
// each with its own socket and Y.Doc, as a browser tab would have. Edits are what the schema
// guard accepts from an editor: characters typed into the text of a 文 (sentence).

export interface BenchClient {
  index: number;
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** The Y.XmlText of every sentence, article by article (articles in document order). */
  articles: Y.XmlText[][];
  /** Codes of every close of this client's connection (none in a healthy run). */
  closes: number[];
  destroy(): void;
}

/** The sentences of every article (the main provision's and the supplementary provision's). */
export function articleTexts(doc: Y.Doc): Y.XmlText[][] {
  const fragment = doc.getXmlFragment(PROSEMIRROR_FRAGMENT);
  const articles: Y.XmlText[][] = [];
  for (const article of fragment.createTreeWalker((node) => node instanceof Y.XmlElement && node.nodeName === "article")) {
    const texts: Y.XmlText[] = [];
    for (const sentence of (article as Y.XmlElement).createTreeWalker((node) => node instanceof Y.XmlElement && node.nodeName === "sentence")) {
      const text = (sentence as Y.XmlElement).toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
      if (text) texts.push(text);
    }
    if (texts.length) articles.push(texts);
  }
  return articles;
}

/** Opens the draft and resolves once the client holds the server's state (the provider's `synced`). */
export function connectClient(origin: string, documentName: string, token: string, index: number, timeoutMs = 60_000): Promise<BenchClient> {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: origin.replace(/^http/, "ws") + COLLAB_PATH, WebSocketPolyfill: WebSocket });
  const closes: number[] = [];
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentName, document: doc, token });
  provider.on("close", ({ event }: { event: { code: number } }) => closes.push(event.code));
  const destroy = () => {
    provider.destroy();
    socket.destroy();
    doc.destroy();
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      destroy();
      reject(new Error(`client ${index} was not synced within ${timeoutMs / 1000} s (close codes: ${closes.join(", ") || "none"})`));
    }, timeoutMs);
    provider.on("authenticationFailed", ({ reason }: { reason: string }) => {
      clearTimeout(timer);
      destroy();
      reject(new Error(`client ${index} was refused: ${reason}`));
    });
    provider.on("synced", ({ state }: { state: boolean }) => {
      if (!state) return;
      clearTimeout(timer);
      resolve({ index, doc, provider, articles: [], closes, destroy });
    });
    provider.attach(); // a provider given its own socket connects only when attached
  });
}

const MARKER = /〔(\d+)〕/g;
export const marker = (id: number) => `〔${id}〕`;

/**
 * Which client sent which marker when, and when each other client saw it arrive. Sender and
 * receivers share this process, so one performance.now() clock times both ends.
 */
export class DeliveryLedger {
  private readonly sent = new Map<number, { at: number; sender: number; receivers: Set<number> }>();
  /** Send times of each client's edits the server has not yet acknowledged. */
  private readonly unacknowledged = new Map<number, number[]>();
  readonly latencies: number[] = [];
  /** Edit → the server's acknowledgement to its sender (stored in the database and applied). */
  readonly acknowledgements: number[] = [];

  recordSend(id: number, sender: number): void {
    const at = performance.now();
    this.sent.set(id, { at, sender, receivers: new Set() });
    this.unacknowledged.get(sender)?.push(at);
  }

  /**
   * Every remote change to a client's draft: markers in inserted text are deliveries. And
   * the provider's count of unacknowledged changes: back at 0, every edit sent is stored.
   */
  watch(client: BenchClient): void {
    const waiting: number[] = [];
    this.unacknowledged.set(client.index, waiting);
    client.provider.on("unsyncedChanges", ({ number }: { number: number }) => {
      if (number !== 0) return;
      const now = performance.now();
      for (const at of waiting.splice(0)) this.acknowledgements.push(now - at);
    });
    client.doc.getXmlFragment(PROSEMIRROR_FRAGMENT).observeDeep((events, transaction) => {
      if (transaction.local) return;
      const now = performance.now();
      for (const event of events) {
        if (!(event.target instanceof Y.XmlText)) continue;
        for (const op of event.delta) {
          if (typeof op.insert !== "string") continue;
          for (const match of op.insert.matchAll(MARKER)) this.receive(Number(match[1]), client.index, now);
        }
      }
    });
  }

  private receive(id: number, receiver: number, at: number): void {
    const edit = this.sent.get(id);
    if (!edit || edit.sender === receiver || edit.receivers.has(receiver)) return;
    edit.receivers.add(receiver);
    this.latencies.push(at - edit.at);
  }

  get edits(): number {
    return this.sent.size;
  }

  /** Deliveries still owed, each edit to every client but its sender. */
  missing(clients: number): number {
    let missing = 0;
    for (const edit of this.sent.values()) missing += clients - 1 - edit.receivers.size;
    return missing;
  }
}
