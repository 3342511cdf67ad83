import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { queryOne } from "../../db/database";
import { openPglite } from "../../db/pglite";
import { openPostgres } from "../../db/postgres";
import { loadState } from "../../drafting/store";
import { toKanjiNumber } from "../../ordinance/numbering";
import { freePort, startAppProcess, type AppProcess } from "../support/app-process";
import { runCli } from "../support/cli";
import { connectCollab, draftPlainText, sentenceTexts, syncLedger, type CollabClient } from "../support/collab-client";
import { createServerDatabase, serverUrl } from "../support/db";

// "Saved" must mean stored: whatever a PT member's client was told is synced survives
// kill -9 of the server, on both databases, and a client that kept its document through
// the outage brings its offline edits back. Edits go into the seeded draft's 文 (sentence)
// texts, so the document stays a valid ordinance that export can still read.

interface Target {
  name: string;
  /** Environment for the app and the CLI, and how to clean up afterwards. */
  prepare(dataDir: string): Promise<{ env: Record<string, string>; cli: Record<string, string>; drop(): Promise<void> }>;
  /** Opens the database of a crashed (not running) app, for inspection. */
  open(dataDir: string, env: Record<string, string>): Promise<Database>;
}

const embedded: Target = {
  name: "the embedded database (PGlite)",
  async prepare(dataDir) {
    return { env: {}, cli: { KIZUNA_DATA_DIR: dataDir }, drop: async () => {} };
  },
  open: (dataDir) => openPglite(path.join(dataDir, "pgdata")),
};

const serverPostgres: Target = {
  name: "server Postgres",
  async prepare() {
    const database = await createServerDatabase();
    return { env: { DATABASE_URL: database.url }, cli: { DATABASE_URL: database.url }, drop: database.drop };
  },
  open: (_dataDir, env) => openPostgres(env.DATABASE_URL!, { max: 1 }),
};

const targets = serverUrl ? [embedded, serverPostgres] : [embedded];
const PT_LOGINS = ["pt1", "pt2", "pt3"] as const;
const MEMBER_TAGS = ["甲", "乙", "丙"] as const;
// Each test crashes and restarts the app, on a machine that may be busy: generous limits.
const TEST_TIMEOUT = 300_000;
/** Hocuspocus' store debounce in collab-server/server.ts is 3 s; compaction follows it. */
const PAST_STORE_DEBOUNCE_MS = 8_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(targets)("collaboration durability on $name", (target) => {
  let dataDir: string;
  let port: number;
  let app: AppProcess;
  let setup: Awaited<ReturnType<Target["prepare"]>>;
  let draftId: number;
  const tokens: Record<string, string> = {};
  const clients: CollabClient[] = [];

  async function cli(args: string[]) {
    const result = await runCli(args, setup.cli);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  }

  async function connect(login: string, options: Parameters<typeof connectCollab>[3] = {}) {
    const client = await connectCollab(app.origin, draftId, tokens[login]!, options);
    clients.push(client);
    return client;
  }

  /** The draft's text as a newly connected client sees it. */
  async function freshView(): Promise<string> {
    const viewer = await connect("pt2");
    await viewer.settled(30_000);
    const text = draftPlainText(viewer.doc);
    viewer.destroy();
    return text;
  }

  /** What `kizuna draft export` prints: the stored state read back as an ordinance. */
  async function exportedText(): Promise<string> {
    return cli(["draft", "export", String(draftId), "--format", "text"]);
  }

  async function restart() {
    app = await startAppProcess(setup.env, { dataDir, port });
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "kizuna-durability-"));
    port = await freePort();
    setup = await target.prepare(dataDir);
    app = await startAppProcess(setup.env, { dataDir, port });
    await cli(["user", "add", "pt3", "--role", "pt", "--password", "kizuna-pt3-pass", "--json"]);
    for (const login of PT_LOGINS) tokens[login] = (await cli(["token", login, "--ttl", "120"])).trim();
    [{ id: draftId }] = JSON.parse(await cli(["draft", "list", "--json"])) as { id: number }[];
  }, TEST_TIMEOUT);

  afterAll(async () => {
    for (const client of clients) client.destroy();
    // After a crash with no successful restart there is nothing left to stop.
    if (app && app.child.exitCode === null && app.child.signalCode === null) await app.stop();
    await setup?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, TEST_TIMEOUT);

  it("keeps every edit three PT members were told is synced through kill -9, and starts again without repair", async () => {
    const members = await Promise.all(PT_LOGINS.map((login) => connect(login)));
    await Promise.all(members.map((m) => m.settled()));
    const ledgers = members.map(syncLedger);

    // Concurrent edits: each member writes into sentences of their own and, at once, into
    // one sentence they share, before seeing the others' changes.
    for (let round = 1; round <= 4; round++) {
      members.forEach((member, i) => {
        const marker = `（${MEMBER_TAGS[i]}の加筆その${toKanjiNumber(round)}）`;
        ledgers[i]!.record(marker);
        const sentences = sentenceTexts(member.doc);
        sentences[round === 1 ? 3 : 10 + i * 5 + round]!.insert(0, marker);
      });
      await sleep(1);
    }
    await Promise.all(members.map((m) => m.settled()));
    await expect
      .poll(() => new Set(members.map((m) => m.doc.getXmlFragment("prosemirror").toString())).size, { timeout: 15_000 })
      .toBe(1);
    for (const ledger of ledgers) expect(ledger.pending).toEqual([]);

    // One member keeps typing while the server is killed: some edits are acknowledged
    // before the kill, some are in flight, some are made after it.
    const writer = members[0]!;
    const writerLedger = ledgers[0]!;
    let written = 0;
    let writing = true;
    const typing = (async () => {
      while (writing) {
        const marker = `（甲の追記${++written}）`;
        writerLedger.record(marker);
        sentenceTexts(writer.doc)[20]!.insert(0, marker);
        // A typist's pace: under the server's per-socket rate limit, usually letting the
        // acknowledgement arrive before the next keystroke (there is no waiting once it is dead).
        await Promise.all([sleep(50), writer.settled(1_000).catch(() => {})]);
      }
    })();
    await expect.poll(() => writerLedger.synced.filter((m) => m.includes("追記")).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(10);
    await app.crash();
    const writtenAtKill = written;
    await expect.poll(() => written, { timeout: 30_000 }).toBeGreaterThan(writtenAtKill + 3);
    writing = false;
    await typing;
    // Nothing can resend these edits: only what the server stored may come back.
    for (const member of members) member.destroy();
    const synced = ledgers.flatMap((ledger) => ledger.synced);
    expect(synced.filter((m) => m.includes("追記")).length).toBeLessThan(written);

    await restart();
    const home = await fetch(`${app.origin}/login`);
    expect(home.status).toBe(200);
    const text = await freshView();
    const missing = synced.filter((marker) => !text.includes(marker));
    expect(missing, "edits reported synced but lost after kill -9").toEqual([]);
    const exported = await exportedText();
    expect(synced.filter((marker) => !exported.includes(marker))).toEqual([]);
  }, TEST_TIMEOUT);

  it("merges the edits a client made while the server was down once it is back", async () => {
    const keeper = await connect("pt2", { fastReconnect: true });
    await keeper.settled();
    await app.crash();
    await expect.poll(() => keeper.provider.isSynced, { timeout: 10_000 }).toBe(false);

    const offline = [1, 2, 3, 4, 5].map((n) => `（乙の不在中の修文${toKanjiNumber(n)}）`);
    offline.forEach((marker, n) => sentenceTexts(keeper.doc)[30 + n]!.insert(0, marker));
    expect(keeper.provider.unsyncedChanges).toBeGreaterThan(0);

    await restart(); // same port: the provider reconnects by itself
    await keeper.settled(60_000);
    // Applied on the server means stored (the update is stored before it is applied).
    await expect
      .poll(
        async () => {
          const view = await freshView();
          return offline.filter((marker) => !view.includes(marker));
        },
        { timeout: 30_000 },
      )
      .toEqual([]);
    keeper.destroy();

    await app.crash();
    await restart();
    const after = await freshView();
    expect(offline.filter((marker) => !after.includes(marker))).toEqual([]);
  }, TEST_TIMEOUT);

  it("loads the compacted snapshot plus the later log after kill -9", async () => {
    const writer = await connect("pt3");
    await writer.settled();
    const compacted = Array.from({ length: 30 }, (_, n) => `（丙の整理${toKanjiNumber(n + 1)}）`);
    for (const [n, marker] of compacted.entries()) {
      sentenceTexts(writer.doc)[40 + (n % 5)]!.insert(0, marker);
      await sleep(1);
    }
    await writer.settled();
    if (setup.env.DATABASE_URL) {
      const db = await target.open(dataDir, setup.env);
      try {
        await expect.poll(() => updatesAfterSnapshot(db, draftId), { timeout: 30_000 }).toBe(0);
      } finally {
        await db.close();
      }
    } else {
      // The app holds the embedded database, so the snapshot cannot be watched from here.
      await sleep(PAST_STORE_DEBOUNCE_MS);
    }
    const logged = [1, 2, 3].map((n) => `（丙の補足${toKanjiNumber(n)}）`);
    for (const marker of logged) sentenceTexts(writer.doc)[45]!.insert(0, marker);
    await writer.settled();
    await app.crash();
    writer.destroy();

    // Both halves are on disk: a snapshot, and updates appended after it.
    const db = await target.open(dataDir, setup.env);
    try {
      const snapshot = await queryOne<{ upTo: number }>(db, `SELECT up_to_update AS "upTo" FROM draft_snapshots WHERE draft_id = $1`, [draftId]);
      expect(snapshot?.upTo).toBeGreaterThan(0);
      expect(await updatesAfterSnapshot(db, draftId)).toBeGreaterThan(0);
      const stored = new Y.Doc();
      Y.applyUpdate(stored, (await loadState(db, draftId))!);
      const storedText = draftPlainText(stored);
      expect([...compacted, ...logged].filter((marker) => !storedText.includes(marker))).toEqual([]);
    } finally {
      await db.close();
    }

    await restart();
    const text = await freshView();
    expect([...compacted, ...logged].filter((marker) => !text.includes(marker))).toEqual([]);
    const exported = await exportedText();
    expect([...compacted, ...logged].filter((marker) => !exported.includes(marker))).toEqual([]);
  }, TEST_TIMEOUT);
});

async function updatesAfterSnapshot(db: Database, draftId: number): Promise<number> {
  const row = await queryOne<{ count: number }>(
    db,
    `SELECT count(*)::int AS count FROM draft_updates u
      WHERE u.draft_id = $1 AND u.id > coalesce((SELECT up_to_update FROM draft_snapshots s WHERE s.draft_id = $1), 0)`,
    [draftId],
  );
  return row!.count;
}
