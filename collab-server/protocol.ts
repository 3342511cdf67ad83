import * as decoding from "lib0/decoding";

// What the app, the collaboration server and scripts share about the wire: the path,
// document names (draft:<id>), close codes and message types. Typed constants in one
// place, never magic numbers at both ends.

export const COLLAB_PATH = "/collab";

export function draftDocumentName(draftId: number): string {
  return `draft:${draftId}`;
}

export function parseDraftDocumentName(name: string): number | null {
  const match = /^draft:([1-9]\d{0,9})$/.exec(name);
  return match ? Number(match[1]) : null;
}

/** The Y.XmlFragment y-prosemirror binds to (its default name). */
export const PROSEMIRROR_FRAGMENT = "prosemirror";

/** WebSocket close codes (4000–4999 are the application's). */
export const CloseCode = {
  Unauthorized: 4401,
  Forbidden: 4403,
  NotFound: 4404,
  SessionEnded: 4409,
  TooLarge: 4413,
  RateLimited: 4429,
  /** Over the limit of open connections for this user or this draft. */
  TooManyConnections: 4430,
  InvalidContent: 4422,
  /** The database cannot be reached just now: reconnect (with back-off) and sync again. */
  DatabaseUnavailable: 4503,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Hocuspocus message types (the first varUint after the document name). */
const MessageType = { Sync: 0, SyncReply: 4, Stateless: 5, BroadcastStateless: 6 } as const;
/** y-protocols sync message types. */
const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const;

/**
 * The Yjs update a client message carries (sync step 2 or update), or null for every
 * other message (awareness, step 1, auth, stateless). Throws on a malformed frame.
 */
export function documentUpdateOf(message: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type !== MessageType.Sync && type !== MessageType.SyncReply) return null;
  const syncType = decoding.readVarUint(decoder);
  if (syncType !== SyncType.Step2 && syncType !== SyncType.Update) return null;
  return decoding.readVarUint8Array(decoder);
}

/** The document name every client message starts with. Throws on a malformed frame. */
export function documentNameOf(message: Uint8Array): string {
  return decoding.readVarString(decoding.createDecoder(message));
}

/** Whether a client frame is a plain document update (not sync steps, awareness or auth). */
export function isDocumentUpdateMessage(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    return decoding.readVarUint(decoder) === MessageType.Sync && decoding.readVarUint(decoder) === SyncType.Update;
  } catch {
    return false;
  }
}

/**
 * Whether a client frame asks the server to pass a message to everyone else. Only the
 * server speaks to all (live events); a client may not, or any reader could forge them.
 */
export function isClientBroadcast(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    return decoding.readVarUint(decoder) === MessageType.BroadcastStateless;
  } catch {
    return false;
  }
}
