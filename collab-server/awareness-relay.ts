import { Document, OutgoingMessage } from "@hocuspocus/server";
import { equalityDeep } from "lib0/function";

// Every provider renews its awareness state every 15 s (y-protocols drops a state not renewed
// within 30 s), and Hocuspocus relays each renewal to every connection of the document as a
// message of its own: N × N / 15 messages a second, each of which every provider decodes,
// turns into an event and sends straight back to the server (the provider's awareness
// handler does not look at the origin), 2,650 a second each way at 200 editors with nobody
// typing. Here a renewal (a newer clock, the same state) waits up to RENEWAL_RELAY_MS and
// goes out with the others of that moment in one message; whatever a peer would see (a
// cursor moved, someone joined or left) is relayed at once, as before.

/** How long a renewal may wait: far inside the 15 s a renewed state has left before peers drop it. */
export const RENEWAL_RELAY_MS = 1000;

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

interface RelayState {
  /** The state each client had when it was last relayed at once. */
  relayed: Map<number, unknown>;
  /** Renewals not yet relayed. */
  renewed: Set<number>;
  timer?: NodeJS.Timeout;
}

const relays = new WeakMap<Document, RelayState>();

/** One message, encoded once for every connection (Hocuspocus' own relay encodes it for each). */
function relay(document: Document, clients: number[]): void {
  const message = new OutgoingMessage(document.name).createAwarenessUpdateMessage(document.awareness, clients).toUint8Array();
  for (const connection of document.getConnections()) connection.send(message);
}

function flush(document: Document, state: RelayState): void {
  state.timer = undefined;
  const clients = [...state.renewed].filter((id) => document.awareness.meta.has(id));
  state.renewed.clear();
  if (document.isDestroyed || !clients.length) return;
  relay(document, clients);
}

/** Document.handleAwarenessUpdate, the listener of its awareness 'update' event. */
function handleAwarenessUpdate(this: Document, { added, updated, removed }: AwarenessChanges, origin: unknown): Document {
  // Which clients each connection brought, as Hocuspocus keeps it: their states are removed
  // when the connection closes.
  const entry = origin == null ? undefined : this.connections.get(origin as never);
  if (entry) {
    for (const id of added) entry.clients.add(id);
    for (const id of removed) entry.clients.delete(id);
  }
  let state = relays.get(this);
  if (!state) relays.set(this, (state = { relayed: new Map(), renewed: new Set() }));
  const now = [...added, ...removed];
  for (const id of updated) {
    const current = this.awareness.states.get(id);
    if (state.relayed.has(id) && equalityDeep(state.relayed.get(id), current)) state.renewed.add(id);
    else now.push(id);
  }
  for (const id of now) {
    state.renewed.delete(id); // goes out now, with its newest clock
    if (this.awareness.states.has(id)) state.relayed.set(id, this.awareness.states.get(id));
    else state.relayed.delete(id);
  }
  if (now.length) relay(this, now);
  if (state.renewed.size && !state.timer) {
    const pending = state;
    pending.timer = setTimeout(() => flush(this, pending), RENEWAL_RELAY_MS);
    pending.timer.unref();
  }
  return this;
}

let installed = false;

/**
 * Puts the relay above in place of Hocuspocus' own. Its Document binds the method to its
 * awareness in the constructor, so this must run before the first document is created.
 */
export function installAwarenessRelay(): void {
  if (installed) return;
  const prototype = Document.prototype as unknown as Record<string, unknown>;
  // A Hocuspocus without this private method relays some other way: fail loudly, not silently.
  if (typeof prototype.handleAwarenessUpdate !== "function") throw new Error("@hocuspocus/server has no Document.handleAwarenessUpdate to replace");
  prototype.handleAwarenessUpdate = handleAwarenessUpdate;
  installed = true;
}
