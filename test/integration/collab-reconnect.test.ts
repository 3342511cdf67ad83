import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSession } from "../../auth/sessions";
import type { Database } from "../../db/database";
import { loadState } from "../../drafting/store";
import { backends, type TestDatabase } from "../support/db";
import { connectCollab, draftPlainText, sentenceTexts } from "../support/collab-client";
import { startHttpApp } from "../support/http-app";

// "保存しました" after a reconnect must mean every edit made offline is stored. Storing is
// slowed here so that a premature "synced" would be caught before the rest arrives.

describe.each(backends)("saved after a reconnect on $name", (backend) => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof startHttpApp>>;

  beforeAll(async () => {
    t = await backend.create();
    const slow: Database = new Proxy(t.db, {
      get(target, property, receiver) {
        if (property !== "query") return Reflect.get(target, property, receiver);
        return async (text: string, params?: unknown[]) => {
          if (text.startsWith("INSERT INTO draft_updates")) await new Promise((r) => setTimeout(r, 40));
          return target.query(text, params);
        };
      },
    });
    app = await startHttpApp(slow);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("has every offline edit stored by the time it reports synced again", async () => {
    const [{ id: userId }] = await t.db.query<{ id: number }>("SELECT id FROM users WHERE login = 'pt1'");
    const client = await connectCollab(app.origin, 1, (await issueSession(t.db, userId, "token")).secret);
    await client.settled();
    const socket = client.provider.configuration.websocketProvider;
    socket.disconnect();
    await expect.poll(() => client.provider.isSynced).toBe(false);
    const markers = Array.from({ length: 12 }, (_, i) => `〔オフライン${i}〕`);
    markers.forEach((marker, i) => sentenceTexts(client.doc)[i]!.insert(0, marker));

    // The first moment the client says "all saved" after reconnecting, read what is stored.
    const storedWhenSaid = new Promise<string>((resolve) => {
      const check = () => {
        if (!client.provider.isSynced || client.provider.unsyncedChanges !== 0) return;
        client.provider.off("unsyncedChanges", check);
        client.provider.off("synced", check);
        void loadState(t.db, 1).then((state) => {
          const doc = new Y.Doc();
          Y.applyUpdate(doc, state!);
          resolve(draftPlainText(doc));
        });
      };
      client.provider.on("unsyncedChanges", check);
      client.provider.on("synced", check);
    });
    void socket.connect();
    const stored = await storedWhenSaid;
    for (const marker of markers) expect(stored).toContain(marker);
    client.destroy();
  });
});
