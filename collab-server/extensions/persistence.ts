import type { beforeHandleMessagePayload, Extension, onLoadDocumentPayload, onStoreDocumentPayload } from "@hocuspocus/server";
import * as Y from "yjs";
import { isDatabaseUnavailable } from "../../db/availability";
import type { Database } from "../../db/database";
import { appendUpdate, compact, loadState } from "../../drafting/store";
import { log as processLog } from "../../server/log";
import { CloseCode, documentUpdateOf, parseDraftDocumentName } from "../protocol";
import type { CollabContext } from "./auth";

const log = processLog.child({ component: "collab" });

/**
 * Durable drafts. Hocuspocus awaits beforeHandleMessage before it applies a message and
 * tells the client it is synced right after applying, so storing the update here means an
 * edit is in Postgres before its author sees it as saved. The debounced store hook only
 * compacts the log into a snapshot.
 */
export class PersistenceExtension implements Extension {
  extensionName = "kizuna-persistence";

  /** Appends not yet committed: shutdown waits for them before the database closes. */
  private readonly storing = new Set<Promise<unknown>>();

  constructor(private readonly db: Database) {}

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const draftId = parseDraftDocumentName(documentName);
    if (draftId === null) return;
    const state = await loadState(this.db, draftId);
    if (state) Y.applyUpdate(document, state);
  }

  async beforeHandleMessage({ connection, update: message, context }: beforeHandleMessagePayload): Promise<void> {
    if (connection.readOnly) return; // Hocuspocus will not apply it either
    const update = documentUpdateOf(message);
    if (!update) return;
    const { draftId, user } = context as CollabContext;
    const stored = appendUpdate(this.db, draftId, update, user.id);
    this.storing.add(stored);
    try {
      await stored;
    } catch (error) {
      // Hocuspocus closes only this document, which leaves the provider on an open socket
      // until its 30 s silence timeout. Closing the socket makes it reconnect at once (and
      // again until the database is back); the sync that follows brings this edit again.
      if (isDatabaseUnavailable(error)) connection.webSocket.close(CloseCode.DatabaseUnavailable, "database unavailable");
      throw error;
    } finally {
      this.storing.delete(stored);
    }
  }

  async onStoreDocument({ documentName }: onStoreDocumentPayload): Promise<void> {
    const draftId = parseDraftDocumentName(documentName);
    if (draftId === null) return;
    try {
      await compact(this.db, draftId);
    } catch (error) {
      // Hocuspocus rethrows a store hook's error from a timer, where it would end the
      // process (a database restart did). Nothing is lost: the log still holds every update.
      log.warn({ draftId, error: (error as Error).message }, "compaction failed; the update log keeps every edit");
    }
  }

  async onDestroy(): Promise<void> {
    await Promise.allSettled(this.storing);
  }
}
