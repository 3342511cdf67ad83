import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { openPglite } from "../../db/pglite";
import { openPostgres } from "../../db/postgres";
import { loadState } from "../../drafting/store";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { connectCollab, draftPlainText, sentenceTexts, syncLedger, type CollabClient } from "../support/collab-client";
import { createServerDatabase, serverUrl } from "../support/db";
import { Client } from "../support/http-app";

// Operations (issue #9), the app as `npm start` runs it: JSON lines on stderr, /readyz when
// the database stops answering, and a graceful stop on SIGTERM. One process, on server
// Postgres when there is one (the unanswering database needs it), else on PGlite.

type LogLine = Record<string, unknown> & { msg: string };

function parseLines(text: string): LogLine[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);
}

/**
 * A TCP relay to Postgres that can stop passing bytes, as a network partition would: the
 * app's connections stay open and its queries wait, unanswered.
 */
async function startPartitionableRelay(target: URL) {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let cut = false;
  const join = ({ client, upstream }: { client: net.Socket; upstream: net.Socket }) => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) socket.on("error", end).on("close", end);
    if (!cut) join(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    partition() {
      cut = true;
      for (const { client, upstream } of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
      }
    },
    heal() {
      cut = false;
      for (const pair of pairs) join(pair);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { client, upstream } of pairs) client.destroy(), upstream.destroy();
        server.close(() => resolve());
      }),
  };
}

/** POST /login whose body arrives in two parts, so it is in flight for as long as we like. */
function slowLogin(origin: string) {
  const body = new URLSearchParams({ login: "pt2", password: "kizuna-pt2", next: "/" }).toString();
  const half = Math.floor(body.length / 2);
  let finish!: () => void;
  const response = new Promise<number>((resolve, reject) => {
    const req = http.request(`${origin}/login`, {
      method: "POST",
      headers: { origin, "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length), "x-request-id": "ops-slow" },
      agent: false,
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode!));
    });
    req.on("error", reject);
    req.write(body.slice(0, half));
    finish = () => req.end(body.slice(half));
  });
  return { response, finish: () => finish() };
}

describe("the app process", () => {
  const onServer = Boolean(serverUrl);
  let database: { url: string; drop(): Promise<void> } | undefined;
  let relay: Awaited<ReturnType<typeof startPartitionableRelay>> | undefined;
  let env: Record<string, string> = {};
  let app: AppProcess;
  let stderr = "";
  const clients: CollabClient[] = [];


  /** The database of the stopped app (PGlite allows one process at a time). */
  async function openStopped(): Promise<Database> {
    return database ? openPostgres(database.url, { max: 1 }) : openPglite(path.join(app.dataDir, "pgdata"));
  }

  beforeAll(async () => {
    if (onServer) {
      database = await createServerDatabase();
      relay = await startPartitionableRelay(new URL(database.url));
      const viaRelay = new URL(database.url);
      viaRelay.hostname = "127.0.0.1";
      viaRelay.port = String(relay.port);
      env = { DATABASE_URL: viaRelay.toString() };
    }
    app = await startAppProcess({ ...env, LOG_FORMAT: "json", LOG_LEVEL: "info" });
    app.child.stderr!.on("data", (d) => (stderr += d));
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await app?.stop();
    await relay?.close();
    await database?.drop();
  });

  it("writes JSON lines on stderr with the request id, status and duration; nothing of the login's secrets", async () => {
    const client = new Client(app.origin);
    const login = await client.post("/login", { login: "pt1", password: "kizuna-pt1", next: "/" }, { "x-request-id": "ops-process-login" });
    expect(login.headers.get("x-request-id")).toBe("ops-process-login");
    const secret = client.cookie.split("=")[1]!;
    await expect.poll(() => parseLines(stderr).find((l) => l.reqId === "ops-process-login")).toMatchObject({
      level: "info",
      msg: "request",
      method: "POST",
      path: "/login",
      status: 302,
      durationMs: expect.any(Number),
      time: expect.any(String),
    });
    expect(stderr).not.toContain("kizuna-pt1");
    expect(stderr).not.toContain(secret);
    expect(app.output()).toContain("Kizuna is running");
  });

  it.skipIf(!onServer)("answers /readyz with 503 while the database does not answer, and /healthz with 200 throughout", async () => {
    relay!.partition();
    try {
      const started = performance.now();
      const ready = await fetch(`${app.origin}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({
        status: "not ready",
        checks: { database: { status: "failed", reason: "no answer within 2000 ms" }, migrations: { status: "skipped" } },
      });
      expect(performance.now() - started).toBeLessThan(4000);
      expect((await fetch(`${app.origin}/healthz`)).status).toBe(200);
    } finally {
      relay!.heal();
    }
    await expect.poll(async () => (await fetch(`${app.origin}/readyz`)).status, { timeout: 10_000 }).toBe(200);
  });

  it("on SIGTERM finishes the request in flight, ends collaboration with the synced edit stored and compacted, and exits 0", async () => {
    const session = (await new Client(app.origin).logIn("pt1")).cookie.split("=")[1]!;
    const draftsPage = await (await fetch(`${app.origin}/drafts`, { headers: { cookie: `kizuna_session=${session}` } })).text();
    const draftId = Number(/\/drafts\/(\d+)/.exec(draftsPage)![1]);
    const editor = await connectCollab(app.origin, draftId, session);
    clients.push(editor);
    await editor.settled(30_000);
    const ledger = syncLedger(editor);
    const marker = `（停止直前の加筆${randomBytes(3).toString("hex")}）`;
    ledger.record(marker);
    sentenceTexts(editor.doc)[0]!.insert(0, marker);
    await editor.settled();
    expect(ledger.synced).toContain(marker);

    if (database) {
      // Not compacted yet (Hocuspocus waits 3 s after the last change): shutdown must do it.
      const check = await openPostgres(database.url, { max: 1 });
      expect((await check.query("SELECT id FROM draft_updates WHERE draft_id = $1", [draftId])).length).toBeGreaterThan(0);
      await check.close();
    }

    const inFlight = slowLogin(app.origin);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the server has the headers and waits for the body
    const exited = new Promise<number | null>((resolve) => app.child.once("exit", (code) => resolve(code)));
    app.child.kill("SIGTERM");
    await expect.poll(() => stderr).toContain("SIGTERM: shutting down");
    await expect.poll(() => fetch(`${app.origin}/healthz`).then(() => "answered", () => "refused")).toBe("refused");
    inFlight.finish();
    expect(await inFlight.response).toBe(302);
    expect(await exited).toBe(0);
    editor.destroy();

    const lines = parseLines(stderr);
    expect(lines.find((l) => l.reqId === "ops-slow")).toMatchObject({ msg: "request", status: 302 });
    expect(lines.find((l) => l.msg === "collab connected" && l.draftId === draftId)).toMatchObject({ readOnly: false });
    expect(lines.find((l) => l.msg === "collab disconnected" && l.draftId === draftId)).toMatchObject({ component: "collab", userId: expect.any(Number), code: 1001 });
    expect(lines.at(-1)).toMatchObject({ msg: "stopped" });

    // What the next start reads: the edit, folded into the snapshot before the process went.
    const db = await openStopped();
    try {
      expect(await db.query("SELECT id FROM draft_updates WHERE draft_id = $1", [draftId])).toEqual([]);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, (await loadState(db, draftId))!);
      expect(draftPlainText(doc)).toContain(marker);
    } finally {
      await db.close();
    }

  });
});
