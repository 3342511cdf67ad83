import { Document } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { installAwarenessRelay, RENEWAL_RELAY_MS } from "../../collab-server/awareness-relay";

// The server relays what a peer would see (joins, leaves, moved cursors) at once and gathers
// renewals (a newer clock, the same state) into one message within RENEWAL_RELAY_MS.

const AWARENESS = 1; // Hocuspocus MessageType.Awareness

/** A Hocuspocus document with `count` fake connections that record what is sent to them. */
function documentWith(count: number) {
  installAwarenessRelay();
  const document = new Document("draft:1");
  const sockets = Array.from({ length: count }, () => ({ sent: [] as Uint8Array[] }));
  for (const socket of sockets) {
    const connection = { webSocket: socket, send: (message: Uint8Array) => socket.sent.push(message) };
    document.connections.set(socket as never, { clients: new Set(), connection: connection as never });
  }
  return { document, sockets };
}

/** A browser's awareness, and what its provider sends when it changes. */
function peer(state: Record<string, unknown>) {
  const awareness = new Awareness(new Y.Doc());
  // Clock 1, as the editor's setAwarenessField: peers ignore the empty state at clock 0.
  awareness.setLocalState(state);
  return {
    awareness,
    update: () => encodeAwarenessUpdate(awareness, [awareness.clientID]),
    renew: () => awareness.setLocalState(awareness.getLocalState()),
  };
}

/** The awareness update an awareness message carries. */
function payload(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarString(decoder)).toBe("draft:1");
  expect(decoding.readVarUint(decoder)).toBe(AWARENESS);
  return decoding.readVarUint8Array(decoder);
}

/** The client ids and clocks an awareness message carries. */
function carried(message: Uint8Array): { id: number; clock: number }[] {
  const update = decoding.createDecoder(payload(message));
  return Array.from({ length: decoding.readVarUint(update) }, () => {
    const id = decoding.readVarUint(update);
    const clock = decoding.readVarUint(update);
    decoding.readVarString(update);
    return { id, clock };
  });
}

describe("awareness relay", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("relays a join and a moved cursor at once, to every connection", () => {
    const { document, sockets } = documentWith(3);
    const a = peer({ user: { id: 1 } });
    applyAwarenessUpdate(document.awareness, a.update(), sockets[0]);
    for (const socket of sockets) expect(socket.sent.map(carried)).toEqual([[{ id: a.awareness.clientID, clock: 1 }]]);
    expect(document.getClients(sockets[0] as never).has(a.awareness.clientID)).toBe(true);

    a.awareness.setLocalStateField("cursor", { anchor: 5 });
    applyAwarenessUpdate(document.awareness, a.update(), sockets[0]);
    for (const socket of sockets) expect(socket.sent.map(carried).at(-1)).toEqual([{ id: a.awareness.clientID, clock: 2 }]);
  });

  it("gathers renewals into one message with the newest clocks, within RENEWAL_RELAY_MS", () => {
    const { document, sockets } = documentWith(2);
    const peers = [peer({ user: { id: 1 } }), peer({ user: { id: 2 } }), peer({ user: { id: 3 } })];
    for (const p of peers) applyAwarenessUpdate(document.awareness, p.update(), sockets[0]);
    // A browser on the other connection, which has seen the joins.
    const receiver = new Awareness(new Y.Doc());
    for (const message of sockets[1]!.sent) applyAwarenessUpdate(receiver, payload(message), null);
    sockets.forEach((socket) => (socket.sent = []));

    for (const p of peers) {
      p.renew();
      applyAwarenessUpdate(document.awareness, p.update(), sockets[0]);
    }
    peers[0]!.renew(); // renewed twice before the relay: only the newest clock goes out
    applyAwarenessUpdate(document.awareness, peers[0]!.update(), sockets[0]);
    // An echo (the same clock again, as every provider sends back what it applied) changes nothing.
    applyAwarenessUpdate(document.awareness, peers[1]!.update(), sockets[1]);
    expect(sockets[0]!.sent).toEqual([]);

    vi.advanceTimersByTime(RENEWAL_RELAY_MS);
    for (const socket of sockets) {
      expect(socket.sent.map(carried)).toEqual([
        [
          { id: peers[0]!.awareness.clientID, clock: 3 },
          { id: peers[1]!.awareness.clientID, clock: 2 },
          { id: peers[2]!.awareness.clientID, clock: 2 },
        ],
      ]);
    }
    // Renewed there too: each state's clock is the newest, so none of them expires.
    applyAwarenessUpdate(receiver, payload(sockets[1]!.sent[0]!), null);
    expect(peers.map((p) => receiver.meta.get(p.awareness.clientID)?.clock)).toEqual([3, 2, 2]);
  });

  it("sends a state that changed while its renewal waited at once, and not again", () => {
    const { document, sockets } = documentWith(1);
    const a = peer({ user: { id: 1 } });
    applyAwarenessUpdate(document.awareness, a.update(), sockets[0]);
    a.renew();
    applyAwarenessUpdate(document.awareness, a.update(), sockets[0]);
    a.awareness.setLocalStateField("cursor", { anchor: 1 });
    applyAwarenessUpdate(document.awareness, a.update(), sockets[0]);
    vi.advanceTimersByTime(RENEWAL_RELAY_MS);
    expect(sockets[0]!.sent.map(carried)).toEqual([[{ id: a.awareness.clientID, clock: 1 }], [{ id: a.awareness.clientID, clock: 3 }]]);
  });

  it("relays a leave at once and forgets the client", () => {
    const { document, sockets } = documentWith(2);
    const a = peer({ user: { id: 1 } });
    applyAwarenessUpdate(document.awareness, a.update(), sockets[0]);
    document.removeConnection({ webSocket: sockets[0] } as never); // its socket closed
    expect(sockets[1]!.sent.map(carried).at(-1)).toEqual([{ id: a.awareness.clientID, clock: 1 }]);
    expect(document.awareness.getStates().has(a.awareness.clientID)).toBe(false);
    vi.advanceTimersByTime(RENEWAL_RELAY_MS);
    expect(sockets[1]!.sent).toHaveLength(2);
  });
});
