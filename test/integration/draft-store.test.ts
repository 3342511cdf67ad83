import postgres from "postgres";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../db/migrate";
import { openPostgres } from "../../db/postgres";
import type { Database } from "../../db/database";
import { appendUpdate, compact, loadState } from "../../drafting/store";
import { createServerDatabase, serverUrl } from "../support/db";

// On server Postgres several writers append at once; an id is taken when a row is inserted,
// not when it commits. Compaction must never make an acknowledged update invisible.

describe.skipIf(!serverUrl)("the draft update log on server Postgres", () => {
  let database: Awaited<ReturnType<typeof createServerDatabase>>;
  let db: Database;
  let draftId: number;

  const update = (text: string) => {
    const doc = new Y.Doc();
    doc.getText("t").insert(0, text);
    return Y.encodeStateAsUpdate(doc);
  };
  const loadedText = async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await loadState(db, draftId))!);
    return doc.getText("t").toString();
  };

  beforeAll(async () => {
    database = await createServerDatabase();
    db = await openPostgres(database.url, { max: 4 });
    await migrate(db);
    [{ id: draftId }] = await db.query<{ id: number }>("INSERT INTO drafts (title) VALUES ('記録の試験') RETURNING id");
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it("keeps an update that commits after a compaction folded in a later id", async () => {
    await appendUpdate(db, draftId, update("base "), null);
    // Writer A has inserted (its id is taken) but not committed yet…
    const slow = postgres(database.url, { max: 1, onnotice: () => {} });
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const writerA = slow.begin(async (tx) => {
      await tx.unsafe("INSERT INTO draft_updates (draft_id, update, user_id) VALUES ($1, $2, NULL)", [draftId, Buffer.from(update("A-slow "))]);
      inserted();
      await released;
    });
    await insertedYet;
    // …while writer B commits a later id and the debounced compaction runs.
    await appendUpdate(db, draftId, update("B-fast "), null);
    expect((await compact(db, draftId)).merged).toBe(2);
    release();
    await writerA; // A's client is now told "synced"
    await slow.end();
    expect(await loadedText()).toContain("A-slow");
    // The next compaction folds it in and the log empties.
    expect((await compact(db, draftId)).merged).toBe(1);
    expect(await db.query("SELECT id FROM draft_updates WHERE draft_id = $1", [draftId])).toEqual([]);
    const text = await loadedText();
    for (const part of ["base", "A-slow", "B-fast"]) expect(text).toContain(part);
  });
});
