import type { Extension, onConfigurePayload } from "@hocuspocus/server";
import type { Database } from "../../db/database";
import { LIVE_CHANNEL, parseLiveEvent } from "../../drafting/live-events";
import { draftDocumentName } from "../protocol";

/**
 * Passes live events (drafting/live-events.ts) from the database channel to the clients
 * that have the draft open, as stateless messages. Every collaboration process listens,
 * and each reaches only its own connections, so nobody gets an event twice.
 */
export class LiveEventsExtension implements Extension {
  extensionName = "kizuna-live-events";
  private stop: (() => Promise<void>) | undefined;

  constructor(private readonly db: Database) {}

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.stop = await this.db.listen(LIVE_CHANNEL, (payload) => {
      const event = parseLiveEvent(payload);
      if (!event) return;
      instance.documents.get(draftDocumentName(event.draftId))?.broadcastStateless(JSON.stringify(event));
    });
  }

  async onDestroy(): Promise<void> {
    await this.stop?.();
  }
}
