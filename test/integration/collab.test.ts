import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSession } from "../../auth/sessions";
import { createDraft } from "../../drafting/drafts";
import { loadState } from "../../drafting/store";
import { backends, type TestDatabase } from "../support/db";
import { connectCollab, draftPlainText, sentenceTexts } from "../support/collab-client";
import { startHttpApp } from "../support/http-app";

describe.each(backends)("collaboration server on $name", (backend) => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof startHttpApp>>;
  let draftId: number;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await backend.create();
    app = await startHttpApp(t.db);
    // A real draft (title, an article, 附則): edits go into its 文 texts and keep it an ordinance.
    draftId = await createDraft(t.db, { title: "試験用の条例案" }, null);
    for (const login of ["pt1", "pt2", "study1"]) {
      const [{ id }] = await t.db.query<{ id: number }>("SELECT id FROM users WHERE login = $1", [login]);
      tokens[login] = (await issueSession(t.db, id, "token")).secret;
    }
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("lets two PT members edit at once, converges, and stores every synced edit", async () => {
    const a = await connectCollab(app.origin, draftId, tokens.pt1!);
    const b = await connectCollab(app.origin, draftId, tokens.pt2!);
    await Promise.all([a.settled(), b.settled()]);
    sentenceTexts(a.doc)[0]!.insert(0, "県は");
    sentenceTexts(b.doc)[0]!.insert(0, "市町村は");
    await Promise.all([a.settled(), b.settled()]);
    await expect.poll(() => draftPlainText(a.doc) === draftPlainText(b.doc), { timeout: 10_000 }).toBe(true);
    expect(draftPlainText(a.doc)).toContain("県は");
    // What the clients were told is synced is in Postgres, without waiting for a snapshot.
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await loadState(t.db, draftId))!);
    expect(draftPlainText(stored)).toBe(draftPlainText(a.doc));
    a.destroy();
    b.destroy();
  });

  it("refuses a study member's edit on the server and keeps the document unchanged", async () => {
    const study = await connectCollab(app.origin, draftId, tokens.study1!);
    await new Promise<void>((resolve) => study.provider.on("synced", () => resolve()));
    const before = (await loadState(t.db, draftId))!;
    const watcher = await connectCollab(app.origin, draftId, tokens.pt1!);
    await watcher.settled();
    sentenceTexts(study.doc)[0]!.insert(0, "研究会による改ざん");
    await new Promise((r) => setTimeout(r, 500));
    expect(draftPlainText(watcher.doc)).not.toContain("改ざん");
    expect(Buffer.from((await loadState(t.db, draftId))!).equals(Buffer.from(before))).toBe(true);
    study.destroy();
    watcher.destroy();
  });

  it("refuses a connection without a valid token", async () => {
    const intruder = await connectCollab(app.origin, draftId, "forged-token");
    expect(await intruder.authFailed).toBeTruthy();
    intruder.destroy();
  });
});
