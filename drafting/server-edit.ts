import type { Node } from "prosemirror-model";
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import * as Y from "yjs";
import { PROSEMIRROR_FRAGMENT } from "../collab-server/protocol";
import type { Database } from "../db/database";
import { ordinanceSchema } from "../ordinance/model";
import { enqueueIndex } from "../search/outbox";
import { publishLiveEvent } from "./live-events";
import { appendUpdate, loadState } from "./store";

// A change to a draft's text made by the server on someone's behalf (accepting a
// suggestion): computed against the stored state, stored as one attributed update like any
// client's, then handed to every collaboration process that has the draft open, and
// announced to the search index at once (not at the next compaction).

export interface ServerEditResult<T> {
  /** The id of the stored update, or null when the change turned out to change nothing. */
  updateId: number | null;
  value: T;
}

/**
 * Runs `change` on the draft as stored and stores the difference as one update by `userId`.
 * `change` returns the new document (or null to leave it as it is) and a value for the caller.
 */
export async function editDraftOnServer<T>(
  db: Database,
  draftId: number,
  userId: number,
  change: (doc: Node) => { doc: Node | null; value: T },
): Promise<ServerEditResult<T>> {
  const ydoc = new Y.Doc();
  const state = await loadState(db, draftId);
  if (state) Y.applyUpdate(ydoc, state);
  const fragment = ydoc.getXmlFragment(PROSEMIRROR_FRAGMENT);
  const current = yXmlFragmentToProseMirrorRootNode(fragment, ordinanceSchema);
  const { doc: next, value } = change(current);
  if (!next || next.eq(current)) return { updateId: null, value };
  const before = Y.encodeStateVector(ydoc);
  ydoc.transact(() => updateYFragment(ydoc, fragment, next, { mapping: new Map(), isOMark: new Map() }));
  const update = Y.encodeStateAsUpdate(ydoc, before);
  const updateId = await db.transaction(async (tx) => {
    const id = await appendUpdate(tx, draftId, update, userId);
    await enqueueIndex(tx, "draft", draftId);
    return id;
  });
  await publishLiveEvent(db, { type: "draft.stored", draftId, updateId });
  return { updateId, value };
}
