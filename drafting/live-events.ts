import type { Database } from "../db/database";

// Events that are not document edits (a draft renamed, and later a new comment or version)
// reach everyone who has the draft open. The app publishes them through Postgres
// NOTIFY, so it works whichever process holds the WebSocket: each collaboration server
// listens and passes them on to its own connections as Hocuspocus stateless messages.

export const LIVE_CHANNEL = "kizuna_live";

export type LiveEvent =
  /** Title or numbering style changed: pages reload the draft's settings. */
  | { type: "draft.settings"; draftId: number };

export async function publishLiveEvent(db: Database, event: LiveEvent): Promise<void> {
  await db.notify(LIVE_CHANNEL, JSON.stringify(event));
}

/** Parses a payload from the channel or a stateless message; null for anything else. */
export function parseLiveEvent(payload: string): LiveEvent | null {
  try {
    const value = JSON.parse(payload) as Partial<LiveEvent>;
    if (value && value.type === "draft.settings" && Number.isInteger(value.draftId)) return { type: value.type, draftId: value.draftId! };
  } catch {
    // not ours
  }
  return null;
}
