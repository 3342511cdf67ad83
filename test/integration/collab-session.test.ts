import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSession, revokeSession } from "../../auth/sessions";
import { changeRole, setActive } from "../../auth/users";
import { updateDraftSettings } from "../../drafting/drafts";
import { parseLiveEvent, type LiveEvent } from "../../drafting/live-events";
import { CloseCode } from "../../collab-server/protocol";
import { backends, type TestDatabase } from "../support/db";
import { connectCollab } from "../support/collab-client";
import { startHttpApp } from "../support/http-app";

// Rights are decided when a connection opens; these are the ways they end while it is open.
describe.each(backends)("collaboration sessions on $name", (backend) => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof startHttpApp>>;
  let draftId: number;
  const userIds: Record<string, number> = {};

  beforeAll(async () => {
    t = await backend.create();
    app = await startHttpApp(t.db);
    [{ id: draftId }] = await t.db.query<{ id: number }>("INSERT INTO drafts (title) VALUES ('試験用の条例案') RETURNING id");
    for (const row of await t.db.query<{ id: number; login: string }>("SELECT id, login FROM users")) userIds[row.login] = row.id;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  async function connectAs(login: string) {
    const { secret } = await issueSession(t.db, userIds[login]!, "token");
    const client = await connectCollab(app.origin, draftId, secret);
    const closeCodes: number[] = [];
    client.provider.on("close", ({ event }: { event: { code: number } }) => closeCodes.push(event.code));
    await client.settled();
    return { client, secret, closeCodes };
  }

  it("closes a deactivated user's open connection and refuses it afterwards", async () => {
    const { client, closeCodes } = await connectAs("pt2");
    const bystander = await connectAs("pt1");
    await setActive(t.db, userIds.pt2!, false, null);
    await expect.poll(() => closeCodes, { timeout: 15_000 }).toContain(CloseCode.SessionEnded);
    // The provider reconnects by itself and is now refused.
    expect(await client.authFailed).toBeTruthy();
    expect(bystander.closeCodes).toEqual([]);
    client.destroy();
    bystander.client.destroy();
    await setActive(t.db, userIds.pt2!, true, null);
  });

  it("closes the connection of a session that logged out", async () => {
    const { client, secret, closeCodes } = await connectAs("study1");
    await revokeSession(t.db, secret);
    await expect.poll(() => closeCodes, { timeout: 15_000 }).toContain(CloseCode.SessionEnded);
    expect(await client.authFailed).toBeTruthy();
    client.destroy();
  });

  it("ends a PT member's write access when the role changes to study", async () => {
    const { client, closeCodes } = await connectAs("pt2");
    expect(client.provider.authorizedScope).toBe("read-write");
    await changeRole(t.db, userIds.pt2!, "study", null);
    await expect.poll(() => closeCodes, { timeout: 15_000 }).toContain(CloseCode.SessionEnded);
    client.destroy();
    const again = await connectAs("pt2");
    expect(again.client.provider.authorizedScope).toBe("readonly");
    again.client.destroy();
    await changeRole(t.db, userIds.pt2!, "pt", null);
  });

  it("passes a renamed draft to everyone who has it open, as a stateless message", async () => {
    const viewer = await connectAs("study1");
    const received: LiveEvent[] = [];
    viewer.client.provider.on("stateless", ({ payload }: { payload: string }) => {
      const event = parseLiveEvent(payload);
      if (event) received.push(event);
    });
    await updateDraftSettings(t.db, draftId, { title: "改めた題名", numberingStyle: "vertical" });
    await expect.poll(() => received, { timeout: 10_000 }).toContainEqual({ type: "draft.settings", draftId });
    viewer.client.destroy();
  });
});
