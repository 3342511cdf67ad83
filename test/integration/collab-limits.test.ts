import { randomBytes } from "node:crypto";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSession } from "../../auth/sessions";
import { DEFAULT_LIMITS } from "../../collab-server/extensions/limits";
import { CloseCode, COLLAB_PATH, draftDocumentName, PROSEMIRROR_FRAGMENT } from "../../collab-server/protocol";
import { createDraft } from "../../drafting/drafts";
import { loadState } from "../../drafting/store";
import { connectCollab, draftPlainText, sentenceTexts, type CollabClient } from "../support/collab-client";
import { backends, type TestDatabase } from "../support/db";
import { startHttpApp } from "../support/http-app";

// Limits and the schema guard, from the outside: garbage and floods close the socket that
// sent them and nothing else, and the stored draft stays a valid ordinance.

/** Hocuspocus message types and auth subtypes (@hocuspocus/common). */
const Message = { Sync: 0, Auth: 2, QueryAwareness: 3 } as const;
const Auth = { Token: 0, Authenticated: 2 } as const;

function frame(documentName: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const authFrame = (name: string, token: string) =>
  frame(name, (e) => {
    encoding.writeVarUint(e, Message.Auth);
    encoding.writeVarUint(e, Auth.Token);
    encoding.writeVarString(e, token);
  });

/** A raw WebSocket, for what no provider would send. */
class RawSocket {
  readonly ws: WebSocket;
  readonly closed: Promise<number>;
  closeCode: number | null = null;
  private authenticated = false;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.on("error", () => {}); // a refused socket may error on the way down
    this.closed = new Promise((resolve) =>
      this.ws.on("close", (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
    this.ws.on("message", (data: Buffer) => {
      // documentName, Auth, Authenticated: the server accepted the token.
      const name = data.subarray(1, 1 + data[0]!).toString();
      const rest = data.subarray(1 + data[0]!);
      if (name && rest[0] === Message.Auth && rest[1] === Auth.Authenticated) this.authenticated = true;
    });
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.ws.readyState === WebSocket.OPEN) return resolve();
      this.ws.once("open", () => resolve());
      this.ws.once("close", () => reject(new Error("closed before opening")));
    });
  }

  async authenticate(name: string, token: string): Promise<void> {
    await this.opened();
    this.ws.send(authFrame(name, token));
    await expect.poll(() => this.authenticated || this.closeCode !== null, { timeout: 10_000 }).toBe(true);
  }

  get isAuthenticated() {
    return this.authenticated;
  }

  send(data: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
  }

  close(): Promise<number> {
    if (this.ws.readyState <= WebSocket.OPEN) this.ws.close();
    return this.closed;
  }
}

/** A real provider whose socket records every frame it sends. */
async function captureProviderFrames(url: string, name: string, token: string): Promise<Uint8Array[]> {
  const frames: Uint8Array[] = [];
  class RecordingWebSocket extends WebSocket {
    override send(data: unknown, ...rest: unknown[]): void {
      if (data instanceof Uint8Array) frames.push(new Uint8Array(data));
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  }
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: RecordingWebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, token });
  provider.attach();
  provider.setAwarenessField("user", { name: "記録係" });
  await expect.poll(() => provider.isSynced, { timeout: 10_000 }).toBe(true);
  for (const [i, text] of sentenceTexts(doc).slice(0, 3).entries()) text.insert(0, `（記録${i}）`);
  await expect.poll(() => provider.unsyncedChanges, { timeout: 10_000 }).toBe(0);
  provider.destroy();
  socket.destroy();
  return frames;
}

/**
 * The stored draft, decoded: its content, state vector and top-level names. Read in one
 * snapshot: compaction may run in between otherwise, and the log would seem to lose updates.
 */
async function storedView(t: TestDatabase, draftId: number): Promise<string> {
  const state = await t.db.transaction(async (tx) => {
    await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    return loadState(tx, draftId);
  });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state!);
  return `${doc.getXmlFragment(PROSEMIRROR_FRAGMENT).toString()}|${Buffer.from(Y.encodeStateVector(doc)).toString("hex")}|${[...doc.share.keys()].join()}`;
}

describe.each(backends)("collaboration limits and schema guard on $name", (backend) => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof startHttpApp>>;
  let url: string;
  let draftId: number;
  let name: string;
  const tokens: Record<string, string> = {};
  const clients: CollabClient[] = [];

  async function connect(login: string) {
    const client = await connectCollab(app.origin, draftId, tokens[login]!);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    t = await backend.create();
    app = await startHttpApp(t.db);
    url = app.origin.replace(/^http/, "ws") + COLLAB_PATH;
    draftId = await createDraft(t.db, { title: "上限試験条例" }, null);
    name = draftDocumentName(draftId);
    for (const login of ["pt1", "pt2", "study2"]) {
      const [{ id }] = await t.db.query<{ id: number }>("SELECT id FROM users WHERE login = $1", [login]);
      tokens[login] = (await issueSession(t.db, id, "token")).secret;
    }
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await app?.close();
    await t?.drop();
  });

  it("survives 1,000+ random and truncated frames: the draft is unchanged and a provider still edits", async () => {
    const captured = await captureProviderFrames(url, name, tokens.pt1!);
    const before = await storedView(t, draftId);
    const garbage: { frame: Uint8Array; authenticated: boolean }[] = [];
    // Every truncation of every real message, after a valid authentication …
    for (const message of captured) {
      for (let cut = 1; cut < message.length; cut += Math.max(1, Math.floor(message.length / 40))) {
        garbage.push({ frame: message.subarray(0, cut), authenticated: true });
      }
    }
    // … random bytes with and without authentication, and random bodies under our document's name.
    for (let i = 0; i < 500; i++) garbage.push({ frame: randomBytes(1 + (i % 97)), authenticated: i % 2 === 0 });
    for (let i = 0; i < 300; i++) {
      garbage.push({ frame: frame(name, (e) => encoding.writeUint8Array(e, randomBytes(1 + (i % 61)))), authenticated: i % 3 !== 0 });
    }
    expect(garbage.length).toBeGreaterThanOrEqual(1000);

    let sent = 0;
    let closedByServer = 0;
    const worker = async (lane: number) => {
      let socket: RawSocket | null = null;
      for (let i = lane; i < garbage.length; i += 4) {
        const { frame: data, authenticated } = garbage[i]!;
        if (!socket || socket.closeCode !== null || socket.isAuthenticated !== authenticated) {
          if (socket) await socket.close();
          socket = new RawSocket(url);
          if (authenticated) await socket.authenticate(name, tokens.pt1!);
          else await socket.opened();
        }
        socket.send(data);
        sent++;
        // Give the server a moment to answer so a closing socket is noticed.
        await new Promise((resolve) => setImmediate(resolve));
        if (socket.closeCode !== null) closedByServer++;
      }
      await socket?.close();
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    expect(sent).toBeGreaterThanOrEqual(1000);
    expect(closedByServer).toBeGreaterThan(0);

    // An oversized frame closes only its own socket.
    const big = new RawSocket(url);
    await big.authenticate(name, tokens.pt1!);
    big.send(new Uint8Array(DEFAULT_LIMITS.maxMessageBytes + 1));
    expect(await big.closed).toBe(1009); // ws: message too big

    const status = await fetch(`${app.origin}/login`);
    expect(status.status).toBe(200);
    expect(await storedView(t, draftId)).toBe(before);
    const editor = await connect("pt2");
    await editor.settled();
    sentenceTexts(editor.doc)[0]!.insert(0, "（荒らしの後の修文）");
    await editor.settled();
    await expect.poll(async () => (await storedView(t, draftId)).includes("荒らしの後の修文"), { timeout: 10_000 }).toBe(true);
    editor.destroy();
  });

  const invalidEdits: [string, (doc: Y.Doc) => void][] = [
    ["an article inside a paragraph", (doc) => firstParagraph(doc).insert(1, [new Y.XmlElement("article")])],
    ["an unknown element", (doc) => firstParagraph(doc).insert(0, [new Y.XmlElement("iframe")])],
    ["text directly under the document root", (doc) => doc.getXmlFragment(PROSEMIRROR_FRAGMENT).insert(0, [new Y.XmlText("地の文")])],
    ["a write to another top-level type", (doc) => doc.getText("probe").insert(0, "県は")],
  ];

  it.each(invalidEdits)("refuses %s: the socket closes with InvalidContent, nothing is stored, others go on", async (_what, edit) => {
    const watcher = await connect("pt2");
    const offender = await connect("pt1");
    await Promise.all([watcher.settled(), offender.settled()]);
    const before = await storedView(t, draftId);
    const watcherBefore = watcher.doc.getXmlFragment(PROSEMIRROR_FRAGMENT).toString();
    const codes: number[] = [];
    offender.provider.on("close", ({ event }: { event: { code: number } }) => codes.push(event.code));

    edit(offender.doc);
    await expect.poll(() => codes, { timeout: 10_000 }).toContain(CloseCode.InvalidContent);
    offender.destroy();

    expect(await storedView(t, draftId)).toBe(before);
    expect(watcher.doc.getXmlFragment(PROSEMIRROR_FRAGMENT).toString()).toBe(watcherBefore);
    expect(watcher.doc.share.has("probe")).toBe(false);
    sentenceTexts(watcher.doc)[1]!.insert(0, "（続けて修文）");
    await watcher.settled();
    expect(draftPlainText(watcher.doc)).toContain("（続けて修文）");
    watcher.destroy();
  });

  it("refuses a user's connection past the per-user limit, and counts closed ones out", async () => {
    const limit = DEFAULT_LIMITS.maxConnectionsPerUser;
    const open = Array.from({ length: limit }, () => new RawSocket(url));
    await Promise.all(open.map((socket) => socket.authenticate(name, tokens.study2!)));
    expect(open.every((socket) => socket.isAuthenticated && socket.closeCode === null)).toBe(true);

    const extra = new RawSocket(url);
    await extra.authenticate(name, tokens.study2!);
    expect(await extra.closed).toBe(CloseCode.TooManyConnections);
    // Failed authentications hold no place.
    for (let i = 0; i < 5; i++) {
      const forged = new RawSocket(url);
      await forged.opened();
      forged.send(authFrame(name, "forged-token"));
      await forged.close();
    }
    await open.pop()!.close();
    const again = new RawSocket(url);
    await again.authenticate(name, tokens.study2!);
    await expect.poll(() => again.isAuthenticated, { timeout: 10_000 }).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(again.closeCode).toBeNull();
    await Promise.all([...open, again].map((socket) => socket.close()));
  });

  it("closes a socket that floods messages with RateLimited, and keeps serving the others", async () => {
    const watcher = await connect("pt2");
    await watcher.settled();
    const flooder = new RawSocket(url);
    await flooder.authenticate(name, tokens.pt1!);
    const query = frame(name, (e) => encoding.writeVarUint(e, Message.QueryAwareness));
    for (let i = 0; i < DEFAULT_LIMITS.messageBurst + 100; i++) flooder.send(query);
    expect(await flooder.closed).toBe(CloseCode.RateLimited);
    sentenceTexts(watcher.doc)[0]!.insert(0, "（洪水の後も）");
    await watcher.settled();
    await expect.poll(async () => (await storedView(t, draftId)).includes("洪水の後も"), { timeout: 10_000 }).toBe(true);
    watcher.destroy();
  });
});

function firstParagraph(doc: Y.Doc): Y.XmlElement {
  const walker = doc.getXmlFragment(PROSEMIRROR_FRAGMENT).createTreeWalker((node) => node instanceof Y.XmlElement && node.nodeName === "paragraph");
  return walker.next().value as Y.XmlElement;
}
