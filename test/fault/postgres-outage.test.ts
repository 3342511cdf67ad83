import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { openPostgres } from "../../db/postgres";
import { loadState } from "../../drafting/store";
import { connectCollab, draftPlainText, sentenceTexts, type CollabClient } from "../support/collab-client";
import { createServerDatabase, serverUrl } from "../support/db";
import { confirmForm, DRAFT_ID, importFile } from "./imports-versions";
import { CrashableApp, eventually, Session, sleep, type FaultSetup } from "./support";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";

// Server Postgres going away under a running app, in the two ways it happens: every backend
// connection terminated (an administrator, a failover), and the server unreachable for a
// few seconds (a restart). The shared server is never restarted: a TCP relay in front of it
// plays the restart. Afterwards the app must recover by itself: pages, collaboration
// (edits stored), the search indexer and LISTEN/NOTIFY live events.

/** Hocuspocus stores (compacts) a draft 3 s after its last change: collab-server/server.ts. */
const STORE_DEBOUNCE_MS = 3000;
const server = serverUrl ? new URL(serverUrl) : undefined;
const target = server ? { host: server.hostname, port: Number(server.port || 5432) } : undefined;

/** Every connection of this database but the caller's, ended by the server. */
async function terminateBackends(admin: postgres.Sql, database: string): Promise<number> {
  const rows = await admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${database} AND pid <> pg_backend_pid()`;
  return rows.length;
}

describe.skipIf(!serverUrl)("LISTEN when server Postgres goes away (db/postgres.ts)", () => {
  let proxy: TcpProxy;
  let database: Awaited<ReturnType<typeof createServerDatabase>>;
  let db: Database;
  let direct: postgres.Sql;
  const heard: string[] = [];

  beforeAll(async () => {
    database = await createServerDatabase();
    proxy = await startTcpProxy(target!);
    db = await openPostgres(proxy.via(database.url), { max: 2 });
    await db.listen("fault_channel", (payload) => heard.push(payload));
    direct = postgres(database.url, { max: 1, onnotice: () => {} });
  });

  afterAll(async () => {
    await db?.close();
    await direct?.end();
    await proxy?.close();
    await database?.drop();
  });

  const notify = (payload: string) => direct`SELECT pg_notify('fault_channel', ${payload})`;

  it("hears notifications again after its connection is terminated, once each", async () => {
    expect(await terminateBackends(direct, new URL(database.url).pathname.slice(1))).toBeGreaterThan(0);
    await expect.poll(async () => (await notify("after-terminate"), heard.filter((p) => p === "after-terminate").length), { timeout: 10_000 }).toBeGreaterThan(0);
    await sleep(1000); // several pings: a second subscription would now deliver twice
    await notify("once");
    await sleep(500);
    expect(heard.filter((p) => p === "once")).toEqual(["once"]);
  });

  it("hears notifications again within seconds of the server being reachable again", async () => {
    await proxy.cut();
    // Failing queries meanwhile (the app's indexer and session checks) lengthen the reconnect back-off.
    for (let n = 0; n < 20; n++) {
      void db.query("SELECT 1").catch(() => {});
      await sleep(200);
    }
    await proxy.restore();
    await expect.poll(async () => (await notify("after-outage"), heard.includes("after-outage")), { timeout: 5_000 }).toBe(true);
    await sleep(1000);
    await notify("once more");
    await sleep(500);
    expect(heard.filter((p) => p === "once more")).toEqual(["once more"]);
  });
});

describe.skipIf(!serverUrl)("the app when server Postgres goes away under it", () => {
  let proxy: TcpProxy;
  let setup: FaultSetup;
  let admin: postgres.Sql;
  let databaseName: string;
  let app: CrashableApp;
  let staff: Session;
  let pt: Session;
  let pt2: Session;
  let editor: CollabClient;
  const clients: CollabClient[] = [];
  const events: { type: string; versionId?: number }[] = [];

  beforeAll(async () => {
    const database = await createServerDatabase();
    databaseName = new URL(database.url).pathname.slice(1);
    proxy = await startTcpProxy(target!);
    admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "kizuna-fault-"));
    setup = {
      dataDir,
      env: { DATABASE_URL: proxy.via(database.url) },
      open: () => openPostgres(database.url, { max: 2 }),
      async drop() {
        await database.drop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
    app = await CrashableApp.start(setup);
    [staff, pt, pt2] = await Promise.all(["staff1", "pt1", "pt2"].map((login) => Session.logIn(app.origin, login)));
    editor = await connectCollab(app.origin, DRAFT_ID, pt.token, { fastReconnect: true });
    editor.provider.on("stateless", ({ payload }: { payload: string }) => events.push(JSON.parse(payload)));
    await editor.settled(30_000);
  });

  afterAll(async () => {
    for (const client of [editor, ...clients]) client?.destroy();
    await app?.stop();
    await proxy?.close();
    await admin?.end();
    await setup?.drop();
  });

  /** The draft's stored text, read directly from the server. */
  async function storedText(): Promise<string> {
    const db = await setup.open();
    try {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, (await loadState(db, DRAFT_ID))!);
      return draftPlainText(doc);
    } finally {
      await db.close();
    }
  }

  /** Pages, collaboration, search and live events all work (again), within a short retry window. */
  async function expectRecovered(round: string) {
    // Pages read and write again.
    await eventually(async () => {
      const res = await pt.get(`/drafts/${DRAFT_ID}/versions`);
      if (res.status !== 200) throw new Error(`versions page: ${res.status}`);
    }, 20_000);

    // An edit made now is stored.
    const marker = `（${round}の修文）`;
    sentenceTexts(editor.doc)[5]!.insert(0, marker);
    await editor.settled(30_000);
    await expect.poll(storedText, { timeout: 15_000 }).toContain(marker);

    // Versions saved now reach the open editor as live events (LISTEN/NOTIFY). A NOTIFY sent
    // before the listening connection is back reaches nobody, as with any LISTEN: save again.
    const heard = () => events.filter((e) => e.type === "draft.version").length;
    const heardBefore = heard();
    const deadline = Date.now() + 20_000;
    for (let n = 1; heard() === heardBefore; n++) {
      expect(Date.now(), "no live event reached the editor after the outage").toBeLessThan(deadline);
      const label = `${round}の版${n}`;
      const saved = await pt.post(`/drafts/${DRAFT_ID}/versions`, new URLSearchParams({ label }));
      expect(await saved.text()).toContain(`「${label}」を保存しました。`);
      await expect.poll(heard, { timeout: 2_000 }).toBeGreaterThan(heardBefore).catch(() => {});
    }

    // A file imported now is found by search: the indexer drains again.
    const file = importFile(80, rounds++);
    const batch = randomUUID();
    const form = new FormData();
    form.set("batch", batch);
    form.set("files", new Blob([file.bytes]), file.fileName);
    const uploaded = (await (await staff.post("/api/import", form)).json()) as { items: { id: number }[] };
    expect((await staff.post("/knowledge/import", confirmForm(batch, uploaded.items[0]!.id, file.title))).status).toBe(302);
    await expect
      .poll(async () => ((await (await staff.get(`/api/search?q=${encodeURIComponent(file.marker)}`)).json()) as { total: number }).total, { timeout: 15_000 })
      .toBeGreaterThan(0);

    expect(app.running, "the app process is still running").toBe(true);
  }
  let rounds = 0;

  it("works before anything happens (live events included)", async () => {
    await expectRecovered("開始時");
  });

  it("recovers by itself after every backend connection is terminated", async () => {
    expect(await terminateBackends(admin, databaseName), "connections of the app to terminate").toBeGreaterThan(0);
    await expectRecovered("切断後");
  });

  it("recovers by itself after the server was unreachable for a few seconds, and stores an edit made meanwhile", async () => {
    // An edit stored just before: its compaction falls due (3 s later) while the server is away.
    const before = "（停止直前の修文）";
    sentenceTexts(editor.doc)[6]!.insert(0, before);
    await editor.settled();
    await proxy.cut();
    const during = "（停止中の修文）";
    sentenceTexts(editor.doc)[7]!.insert(0, during);
    // Someone opens the draft meanwhile: that is no reason to tell them their session ended.
    const latecomer = await connectCollab(app.origin, DRAFT_ID, pt2.token, { fastReconnect: true });
    clients.push(latecomer);
    let refused: string | undefined;
    void latecomer.authFailed.then((reason) => (refused = reason));
    await sleep(STORE_DEBOUNCE_MS + 1500);
    expect(app.running, "the app process survived the outage").toBe(true);
    expect(editor.provider.unsyncedChanges, "an edit made while the database is away is not reported saved").toBeGreaterThan(0);
    await proxy.restore();
    // The providers reconnect by themselves (well before their own 30 s silence timeout),
    // and the sync brings the edit again.
    await editor.settled(10_000);
    await latecomer.settled(10_000);
    expect(refused, "a connection opened while the database was away was refused as unauthorised").toBeUndefined();
    const stored = await storedText();
    expect(stored).toContain(before);
    expect(stored).toContain(during);
    expect(draftPlainText(latecomer.doc)).toContain(during);
    await expectRecovered("再開後");
  });
});
