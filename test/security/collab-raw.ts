import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import { COLLAB_PATH } from "../../collab-server/protocol";

// A bare WebSocket that speaks the Hocuspocus protocol by hand, to send what no provider
// would. Frames: the document name, the message type, then the type's own fields.

export const AuthType = { Token: 0, PermissionDenied: 1, Authenticated: 2 } as const;

export function frame(documentName: string, type: number, write: (encoder: encoding.Encoder) => void = () => {}): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export interface ReceivedFrame {
  type: number;
  /** The next varUint after the type (sync step, auth subtype), when there is one. */
  subtype: number | null;
  /** Auth: the scope the server granted ("readonly" or "read-write"). */
  scope?: string;
}

export class RawCollabSocket {
  readonly ws: WebSocket;
  readonly closed: Promise<number>;
  closeCode: number | null = null;
  received: ReceivedFrame[] = [];

  constructor(origin: string, headers: Record<string, string> = {}) {
    this.ws = new WebSocket(origin.replace(/^http/, "ws") + COLLAB_PATH, { headers });
    this.ws.on("error", () => {}); // a refused socket may error on the way down
    this.closed = new Promise((resolve) =>
      this.ws.on("close", (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
    this.ws.on("message", (data: Buffer) => {
      try {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        decoding.readVarString(decoder);
        const type = decoding.readVarUint(decoder);
        const subtype = decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : null;
        const scope = type === 2 && subtype === AuthType.Authenticated && decoding.hasContent(decoder) ? decoding.readVarString(decoder) : undefined;
        this.received.push({ type, subtype, scope });
      } catch {
        this.received.push({ type: -1, subtype: null });
      }
    });
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.ws.readyState === WebSocket.OPEN) return resolve();
      this.ws.once("open", () => resolve());
      this.ws.once("close", () => reject(new Error("closed before opening")));
    });
  }

  /** Sends the token; resolves with the granted scope, or null when refused. */
  async authenticate(documentName: string, token: string, timeoutMs = 10_000): Promise<string | null> {
    await this.opened();
    this.send(frame(documentName, 2, (e) => {
      encoding.writeVarUint(e, AuthType.Token);
      encoding.writeVarString(e, token);
    }));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const auth = this.received.find((f) => f.type === 2 && f.subtype !== AuthType.Token);
      if (auth) return auth.subtype === AuthType.Authenticated ? (auth.scope ?? "") : null;
      if (this.closeCode !== null) return null;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("no answer to authentication");
  }

  send(data: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  close(): Promise<number> {
    if (this.ws.readyState <= WebSocket.OPEN) this.ws.close();
    return this.closed;
  }
}
