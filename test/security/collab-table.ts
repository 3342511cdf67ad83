// What each Hocuspocus message type (MessageType in @hocuspocus/server) may do when a
// read-only connection (a study member, staff, an admin) sends it. Rights are fixed when the
// socket authenticates (collab-server/extensions/auth.ts); Hocuspocus drops a read-only
// connection's document updates; the session watcher ends sockets whose session ended.
// Sync and SyncReply carry y-protocols sub-messages, so each has a row per sub-type.

export type CollabOutcome =
  /** The sender gets an answer (state, awareness); nobody else sees anything. */
  | "answered"
  /** Neither stored nor applied: the stored draft and everyone's copy stay as they were. */
  | "dropped"
  /** Passed on to the other connections of the draft. */
  | "relayed"
  /** Nothing happens: no answer that matters, nothing reaches anyone, rights unchanged. */
  | "ignored"
  /** Must not reach the other connections (what "relayed" does to others, it must not). */
  | "refused"
  /** Ends the sender's own connection and nobody else's. */
  | "closes";

export interface CollabMessageRow {
  type: string;
  /** y-protocols sync sub-type for Sync and SyncReply. */
  sync?: "step1" | "step2" | "update";
  readOnly: CollabOutcome;
  /** Not yet so: the test for this row is expected to fail until the gap is closed (SECURITY.md, Known gaps). */
  knownGap?: string;
}

export const COLLAB_MESSAGES: CollabMessageRow[] = [
  { type: "Sync", sync: "step1", readOnly: "answered" },
  { type: "Sync", sync: "step2", readOnly: "dropped" },
  { type: "Sync", sync: "update", readOnly: "dropped" },
  { type: "SyncReply", sync: "step2", readOnly: "dropped" },
  { type: "SyncReply", sync: "update", readOnly: "dropped" },
  // Presence (who is where) is not content: read-only members show their cursor too.
  { type: "Awareness", readOnly: "relayed" },
  // A second token after authentication changes nothing, not even with a PT member's token.
  { type: "Auth", readOnly: "ignored" },
  // Hocuspocus 3 hands connection messages no reply callback, so nobody answers it.
  { type: "QueryAwareness", readOnly: "ignored" },
  { type: "Stateless", readOnly: "ignored" },
  // Only the server speaks to all (live events): a client's broadcast closes its socket.
  { type: "BroadcastStateless", readOnly: "refused" },
  { type: "CLOSE", readOnly: "closes" },
  // Sent by the server only; from a client it means nothing.
  { type: "SyncStatus", readOnly: "ignored" },
];
