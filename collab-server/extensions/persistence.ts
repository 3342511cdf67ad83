import type { beforeHandleMessagePayload, Extension, onLoadDocumentPayload, onStoreDocumentPayload } from "@hocuspocus/server";
import * as Y from "yjs";
import type { Database } from "../../db/database";
import { appendUpdate, compact, loadState } from "../../drafting/store";
import { documentUpdateOf, parseDraftDocumentName } from "../protocol";
import type { CollabContext } from "./auth";

/**
 * Durable drafts. Hocuspocus awaits beforeHandleMessage before it applies a message and
 * tells the client it is synced right after applying, so storing the update here means an
 * edit is in Postgres before its author sees it as saved. The debounced store hook only
 * compacts the log into a snapshot.
 */
export class PersistenceExtension implements Extension {
  extensionName = "kizuna-persistence";

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
    await appendUpdate(this.db, draftId, update, user.id);
  }

  async onStoreDocument({ documentName }: onStoreDocumentPayload): Promise<void> {
    const draftId = parseDraftDocumentName(documentName);
    if (draftId !== null) await compact(this.db, draftId);
  }
}
