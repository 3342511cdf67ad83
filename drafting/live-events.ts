import type { Database } from "../db/database";

// Events that are not document edits (a draft renamed, and later a new comment or version)
// reach everyone who has the draft open. The app publishes them through Postgres
// NOTIFY, so it works whichever process holds the WebSocket: each collaboration server
// listens and passes them on to its own connections as Hocuspocus stateless messages.

export const LIVE_CHANNEL = "kizuna_live";

export type LiveEvent =
  /** Title or numbering style changed: pages reload the draft's settings. */
  | { type: "draft.settings"; draftId: number }
  /** A comment was written, answered, edited, resolved, disposed of or hidden. */
  | { type: "comment.changed"; draftId: number; commentId: number }
  /** A clause's evidence (根拠資料) was added or removed. */
  | { type: "draft.evidence"; draftId: number }
  /**
   * The server stored an update of its own (an accepted suggestion): collaboration
   * processes apply it to the open document, which sends it to the editors.
   */
  | { type: "draft.stored"; draftId: number; updateId: number }
  /** A named version was saved: pages reload the version list. */
  | { type: "draft.version"; draftId: number; versionId: number };

export async function publishLiveEvent(db: Database, event: LiveEvent): Promise<void> {
  await db.notify(LIVE_CHANNEL, JSON.stringify(event));
}

/** Parses a payload from the channel or a stateless message; null for anything else. */
export function parseLiveEvent(payload: string): LiveEvent | null {
  try {
    const value = JSON.parse(payload) as Record<string, unknown>;
    if (!value || !Number.isInteger(value.draftId)) return null;
    const draftId = value.draftId as number;
    if (value.type === "draft.settings" || value.type === "draft.evidence") return { type: value.type, draftId };
    if (value.type === "comment.changed" && Number.isInteger(value.commentId)) return { type: value.type, draftId, commentId: value.commentId as number };
    if (value.type === "draft.stored" && Number.isInteger(value.updateId)) return { type: value.type, draftId, updateId: value.updateId as number };
    if (value.type === "draft.version" && Number.isInteger(value.versionId)) return { type: value.type, draftId, versionId: value.versionId as number };
  } catch {
    // not ours
  }
  return null;
}
