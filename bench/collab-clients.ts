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
  // Who is here, as the editor (app/components/editor/DraftEditor.tsx) says it on opening: peers
  // learn of a client at once, not at its first renewal 15 s later (y-protocols ignores a
  // state at clock 0), which would put everyone's arrival inside the measured edits.
  provider.setAwarenessField("user", { id: index, name: `bench ${index}`, color: "#1f5f7a" });
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
 * The bench's one clock, in milliseconds, for send and arrival times taken in different
 * processes (the bench's own and its client workers). process.hrtime() reads Linux's
 * CLOCK_MONOTONIC, which is one system-wide clock: the same instant reads the same in every
 * process on the machine, with nanosecond resolution, and no wall-clock step (NTP, settimeofday)
 * moves it. performance.timeOrigin + performance.now() would also do, but it pins each process
 * to the wall clock once at its start, so a step between two starts would skew them; and as an
 * epoch in ms it keeps only about 0.2 µs of the precision. The bench reads /proc, so it is
 * Linux-only anyway; it prints each worker's offset measured over IPC as a check.
 */
export function clock(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
}

/**
 * Markers in the text a remote change inserted into a client's draft: the runs of text the
 * transaction added to each changed Y.XmlText. Not the event's delta, which builds the whole
 * text's delta (every run and its attributes) on every receiving client for every edit, work
 * of the measurement that a browser tab does not do; reading the added items costs a fraction.
 */
export function markersInserted(events: Y.YEvent<any>[]): number[] {
  const ids: number[] = [];
  for (const event of events) {
    if (!(event.target instanceof Y.XmlText)) continue;
    // Adjacent added strings are one run, as they would be one insert in the delta.
    let run = "";
    for (let item = event.target._start; item !== null; item = item.right) {
      if (!item.deleted && item.content instanceof Y.ContentString && event.adds(item)) run += item.content.str;
      else if (run) {
        markersIn(run, ids);
        run = "";
      }
    }
    if (run) markersIn(run, ids);
  }
  return ids;
}

function markersIn(text: string, ids: number[]): void {
  for (const match of text.matchAll(MARKER)) ids.push(Number(match[1]));
}

/** What a group of clients reports as it goes: flat triples and ack latencies (clock() ms). */
export interface GroupReport {
  /** [marker, sender, sent at]… */
  sends: Float64Array;
  /** [marker, receiver, arrived at]… */
  arrivals: Float64Array;
  /** Edit → the server's acknowledgement to its sender, in ms (both ends in the sender's process). */
  acks: Float64Array;
}

/**
 * Which client sent which marker when, and when each other client saw it arrive, gathered from
 * every group of clients. Reports of different processes reach this one in any order, so an
 * arrival may be known before its send time; latencies are computed once everything is in.
 */
export class DeliveryLedger {
  /** Every edit the bench asked for, by marker; `at` once its sender has reported it. */
  private readonly sent = new Map<number, { sender: number; at?: number }>();
  private readonly arrived = new Map<number, Map<number, number>>();
  readonly acknowledgements: number[] = [];

  issue(id: number, sender: number): void {
    this.sent.set(id, { sender });
  }

  add(report: GroupReport): void {
    const { sends, arrivals, acks } = report;
    for (let i = 0; i < sends.length; i += 3) {
      const edit = this.sent.get(sends[i]!);
      if (edit) edit.at = sends[i + 2]!;
    }
    for (let i = 0; i < arrivals.length; i += 3) {
      const id = arrivals[i]!;
      let receivers = this.arrived.get(id);
      if (!receivers) this.arrived.set(id, (receivers = new Map()));
      if (!receivers.has(arrivals[i + 1]!)) receivers.set(arrivals[i + 1]!, arrivals[i + 2]!);
    }
    for (const ack of acks) this.acknowledgements.push(ack);
  }

  get edits(): number {
    return this.sent.size;
  }

  /** Arrival − send over every (edit, receiver) pair; markers of earlier runs are ignored. */
  latencies(): number[] {
    const latencies: number[] = [];
    for (const [id, edit] of this.sent) {
      for (const [receiver, at] of this.arrived.get(id) ?? []) {
        if (receiver !== edit.sender && edit.at !== undefined) latencies.push(at - edit.at);
      }
    }
    return latencies;
  }

  /** Deliveries still owed, each edit to every client but its sender. */
  missing(clients: number): number {
    let missing = 0;
    for (const [id, edit] of this.sent) {
      const receivers = this.arrived.get(id);
      missing += clients - 1 - (receivers ? receivers.size - (receivers.has(edit.sender) ? 1 : 0) : 0);
    }
    return missing;
  }
}
