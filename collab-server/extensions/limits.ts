import type { IncomingMessage } from "node:http";
import type {
  beforeHandleMessagePayload,
  connectedPayload,
  Extension,
  Hocuspocus,
  onConfigurePayload,
  onDisconnectPayload,
} from "@hocuspocus/server";
import type WebSocket from "ws";
import { CloseCode, documentNameOf, type CloseCodeValue } from "../protocol";
import type { CollabContext } from "./auth";
import { log as processLog } from "../../server/log";

/** Every limit of the collaboration server, in one place; tests pass smaller ones. */
export interface CollabLimits {
  /** Largest frame, in bytes (the WebSocket server's maxPayload is the same figure). */
  maxMessageBytes: number;
  /** Open document connections one user may hold (tabs, devices, scripts together). */
  maxConnectionsPerUser: number;
  /** Open connections to one draft, everyone together. */
  maxConnectionsPerDraft: number;
  /** Token bucket per socket: a burst of this many frames … */
  messageBurst: number;
  /** … refilled at this many frames a second. */
  messagesPerSecond: number;
  /** The same in bytes, so that a few large frames cannot do what many small ones may not. */
  byteBurst: number;
  bytesPerSecond: number;
  /** Frames a socket may send for documents it is not (yet) authenticated for; Hocuspocus queues them in memory. */
  maxPendingFrames: number;
  maxPendingBytes: number;
  /** A socket that has opened no document by then is closed (generous: loading a draft counts). */
  authTimeoutMs: number;
}

// Typing Japanese through an IME sends an update and a cursor (awareness) message per
// keystroke, often more: 30 frames a second sustained, 300 at once, is well above that.
export const DEFAULT_LIMITS: CollabLimits = {
  maxMessageBytes: 2 * 1024 * 1024,
  maxConnectionsPerUser: 20,
  maxConnectionsPerDraft: 300,
  messageBurst: 300,
  messagesPerSecond: 30,
  byteBurst: 8 * 1024 * 1024,
  bytesPerSecond: 1024 * 1024,
  maxPendingFrames: 300,
  maxPendingBytes: 4 * 1024 * 1024,
  authTimeoutMs: 30_000,
};

const log = processLog.child({ component: "collab" });

class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {
    this.tokens = capacity;
  }

  take(amount: number): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}

/**
 * Sits in front of Hocuspocus on one socket and decides, frame by frame, whether it reaches
 * it at all: size, rate, and how much may wait for authentication. A refused frame closes
 * this socket only, and nothing it sends afterwards is handled.
 */
class SocketGate {
  private closed = false;
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly established = new Set<string>();
  private readonly pending = new Map<string, { frames: number; bytes: number }>();
  private everEstablished = false;
  private readonly authTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: CollabLimits,
  ) {
    this.messages = new TokenBucket(limits.messageBurst, limits.messagesPerSecond);
    this.bytes = new TokenBucket(limits.byteBurst, limits.bytesPerSecond);
    this.authTimer = setTimeout(() => {
      if (!this.everEstablished) this.refuse(CloseCode.Unauthorized, "not authenticated in time");
    }, limits.authTimeoutMs);
    this.authTimer.unref();
    socket.once("close", () => {
      this.closed = true;
      clearTimeout(this.authTimer);
    });
    // ws reports a frame over maxPayload (and other protocol errors) as an 'error' event and
    // then closes the socket itself (1009, 1002); unheard, the event would crash the process.
    socket.on("error", (error) => {
      this.closed = true;
      log.warn({ error: error.message }, "socket error, closing it");
    });
  }

  /** Whether Hocuspocus gets this frame. */
  admit(data: Uint8Array): boolean {
    // Once we close a socket (here or in another extension) nothing more of it is handled.
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return false;
    const { limits } = this;
    if (data.byteLength > limits.maxMessageBytes) return this.refuse(CloseCode.TooLarge, "message too large");
    if (!this.messages.take(1) || !this.bytes.take(data.byteLength)) return this.refuse(CloseCode.RateLimited, "too many messages");
    let documentName: string;
    try {
      documentName = documentNameOf(data);
    } catch {
      return this.refuse(CloseCode.InvalidContent, "malformed message");
    }
    if (this.established.has(documentName)) return true;
    const waiting = this.pending.get(documentName) ?? { frames: 0, bytes: 0 };
    waiting.frames += 1;
    waiting.bytes += data.byteLength;
    this.pending.set(documentName, waiting);
    let frames = 0;
    let bytes = 0;
    for (const entry of this.pending.values()) {
      frames += entry.frames;
      bytes += entry.bytes;
    }
    if (frames > limits.maxPendingFrames || bytes > limits.maxPendingBytes) {
      return this.refuse(CloseCode.RateLimited, "too many messages before authentication");
    }
    return true;
  }

  /** Hocuspocus has handed the queued frames of this document over to its connection. */
  opened(documentName: string): void {
    this.everEstablished = true;
    this.established.add(documentName);
    this.pending.delete(documentName);
  }

  closedDocument(documentName: string): void {
    this.established.delete(documentName);
  }

  refuse(code: CloseCodeValue, reason: string): false {
    if (!this.closed) {
      this.closed = true;
      clearTimeout(this.authTimer);
      log.warn({ code, reason }, "closing a socket over a limit");
      this.socket.close(code, reason);
    }
    return false;
  }
}

/**
 * Limits: frame size and rate per socket, connections per user and per draft. Hocuspocus
 * has no hook that sees a socket before it authenticates (it queues those frames in memory),
 * so the extension wraps `handleConnection` and puts a gate in front of every socket.
 */
export class LimitsExtension implements Extension {
  extensionName = "kizuna-limits";
  // Before authentication's `connected` and before the schema guard and persistence.
  priority = 900;

  readonly limits: CollabLimits;
  private readonly gates = new WeakMap<object, SocketGate>();
  /** The gates of sockets with an open document, to tell them when it closes. */
  private readonly gatesBySocketId = new Map<string, SocketGate>();
  private readonly wrapped = new WeakSet<Hocuspocus>();
  /** Counted connections, `${socketId} ${documentName}`, with whom they count against. */
  private readonly counted = new Map<string, { userId: number; documentName: string }>();
  private readonly perUser = new Map<number, number>();
  private readonly perDraft = new Map<string, number>();

  constructor(limits: Partial<CollabLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    if (this.wrapped.has(instance)) return;
    this.wrapped.add(instance);
    const handleConnection = instance.handleConnection.bind(instance);
    instance.handleConnection = (socket: WebSocket, request: IncomingMessage, context?: unknown) => {
      this.guard(socket);
      return handleConnection(socket, request, context as Record<string, unknown>);
    };
  }

  /** Puts the gate in front of Hocuspocus' own message listener. */
  private guard(socket: WebSocket): void {
    const gate = new SocketGate(socket, this.limits);
    this.gates.set(socket, gate);
    const emit = socket.emit;
    socket.emit = function (this: WebSocket, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "message" && !gate.admit(args[0] as Uint8Array)) return false;
      return emit.call(this, event, ...args);
    } as WebSocket["emit"];
  }

  // Counted once the connection exists, so a failed authentication never holds a place;
  // onDisconnect follows every established connection.
  async connected({ connection, documentName, socketId, context }: connectedPayload): Promise<void> {
    const gate = this.gates.get(connection.webSocket);
    if (gate) {
      gate.opened(documentName);
      this.gatesBySocketId.set(socketId, gate);
      connection.webSocket.once("close", () => this.gatesBySocketId.delete(socketId));
    }
    if (!connection.document.hasConnection(connection)) return; // closed while being set up
    const { user } = context as CollabContext;
    const users = this.perUser.get(user.id) ?? 0;
    const drafts = this.perDraft.get(documentName) ?? 0;
    if (users >= this.limits.maxConnectionsPerUser || drafts >= this.limits.maxConnectionsPerDraft) {
      const whose = users >= this.limits.maxConnectionsPerUser ? "user" : "draft";
      log.warn({ document: documentName, userId: user.id, whose }, "refusing a connection: too many connections");
      if (gate) gate.refuse(CloseCode.TooManyConnections, "too many connections");
      else connection.webSocket.close(CloseCode.TooManyConnections, "too many connections");
      return;
    }
    this.counted.set(`${socketId} ${documentName}`, { userId: user.id, documentName });
    this.perUser.set(user.id, users + 1);
    this.perDraft.set(documentName, drafts + 1);
  }

  async onDisconnect({ socketId, documentName }: onDisconnectPayload): Promise<void> {
    this.gatesBySocketId.get(socketId)?.closedDocument(documentName);
    const key = `${socketId} ${documentName}`;
    const entry = this.counted.get(key);
    if (!entry) return;
    this.counted.delete(key);
    decrement(this.perUser, entry.userId);
    decrement(this.perDraft, entry.documentName);
  }

  // A second line behind the gate and the WebSocket server's maxPayload.
  async beforeHandleMessage({ update, connection, documentName }: beforeHandleMessagePayload): Promise<void> {
    if (update.byteLength <= this.limits.maxMessageBytes) return;
    connection.webSocket.close(CloseCode.TooLarge, "message too large");
    throw Object.assign(new Error(`message too large for ${documentName}`), { code: CloseCode.TooLarge, reason: "message too large" });
  }

  /** Open connections counted against a user and a draft (for tests and diagnostics). */
  counts(userId: number, documentName: string): { user: number; draft: number } {
    return { user: this.perUser.get(userId) ?? 0, draft: this.perDraft.get(documentName) ?? 0 };
  }
}

function decrement<K>(counts: Map<K, number>, key: K): void {
  const next = (counts.get(key) ?? 1) - 1;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}
