import type { Extension, onConfigurePayload } from "@hocuspocus/server";
import type { Database } from "../../db/database";
import { LIVE_CHANNEL, parseLiveEvent } from "../../drafting/live-events";
import * as Y from "yjs";
import { queryOne } from "../../db/database";
import { loadState } from "../../drafting/store";
import { draftDocumentName } from "../protocol";
import { log as processLog } from "../../server/log";

const log = processLog.child({ component: "collab" });

/** The origin of updates the server applies from the database (never re-stored). */
export const STORED_ORIGIN = "kizuna-stored";

/**
 * Passes live events (drafting/live-events.ts) from the database channel to the clients
 * that have the draft open, as stateless messages. Every collaboration process listens,
 * and each reaches only its own connections, so nobody gets an event twice.
 */
export class LiveEventsExtension implements Extension {
  extensionName = "kizuna-live-events";
  /** Hocuspocus does not await onConfigure: a stop right after the start must wait for it. */
  private listening: Promise<() => Promise<void>> | undefined;

  constructor(private readonly db: Database) {}

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.listening = this.db.listen(LIVE_CHANNEL, (payload) => {
      const event = parseLiveEvent(payload);
      if (!event) return;
      const document = instance.documents.get(draftDocumentName(event.draftId));
      if (!document) return;
      if (event.type === "draft.stored") void this.applyStored(document, event.draftId, event.updateId);
      else document.broadcastStateless(JSON.stringify(event));
    });
    await this.listening;
  }

  /**
   * An update the server stored itself reaches the open document (and through it every
   * editor). Already stored, so persistence must not store it again: it only stores what
   * clients send. If compaction has folded the row into the snapshot, the whole stored
   * state is applied instead (Yjs ignores what the document already has).
   */
  private async applyStored(document: Y.Doc, draftId: number, updateId: number): Promise<void> {
    try {
      const row = await queryOne<{ update: Uint8Array }>(this.db, "SELECT update FROM draft_updates WHERE id = $1 AND draft_id = $2", [updateId, draftId]);
      const update = row ? new Uint8Array(row.update) : await loadState(this.db, draftId);
      if (update) Y.applyUpdate(document, update, STORED_ORIGIN);
    } catch (error) {
      log.warn({ draftId, updateId, error: (error as Error).message }, "could not apply a stored update");
    }
  }

  async onDestroy(): Promise<void> {
    const stop = await this.listening?.catch(() => undefined);
    await stop?.();
  }
}
