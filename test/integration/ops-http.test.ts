import type { AddressInfo } from "node:net";
import net from "node:net";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { meiliBinaryAvailable, startMeiliServer } from "../../search/meili-server";
import { openSearch } from "../../search/service";
import { seed } from "../../seeds";
import { loadConfig } from "../../server/config";
import { startStandaloneCollab } from "../../collab-server/main";
import { checkReadiness } from "../../server/health";
import { createHttpServer, type AppServer } from "../../server/http";
import { createLogger } from "../../server/log";
import { SEARCH_SOURCES } from "../../server/search-sources";
import { backends, type TestDatabase } from "../support/db";
import { Client } from "../support/http-app";

// Operations (issue #9), in this process on both databases: /healthz and /readyz, request
// ids in the JSON log lines, and errors logged with their stack but never shown. The process
// itself (stderr, SIGTERM, an unanswering database) is in ops-process.test.ts.

type LogLine = Record<string, unknown> & { msg: string };

/** The app in this process, with its log lines captured and a database that can be made to fail. */
async function startLoggedApp(db: Database) {
  await seed(db);
  const lines: LogLine[] = [];
  const log = createLogger({ format: "json", level: "debug", destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  let failQueries: string | null = null;
  const flaky = new Proxy(db, {
    get(target, prop) {
      if (prop === "query") {
        return (text: string, params?: unknown[]) => (failQueries ? Promise.reject(new Error(failQueries)) : target.query(text, params));
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const config = { ...loadConfig({}), port: 0 };
  const search = await openSearch(db, config, SEARCH_SOURCES);
  await search.synonyms.load();
  await search.indexer.drain();
  const app: AppServer = await createHttpServer({ config, db: flaky, search, close: async () => {} }, { log });
  await new Promise<void>((resolve) => app.http.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`,
    lines,
    failQueries: (message: string | null) => (failQueries = message),
    close: () => app.close(),
  };
}

describe.each(backends)("probes and request logs on $name", (backend) => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof startLoggedApp>>;
  beforeAll(async () => {
    t = await backend.create();
    app = await startLoggedApp(t.db);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("answers /healthz and /readyz with JSON, no caching, and the usual security headers", async () => {
    const health = await fetch(`${app.origin}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
    const ready = await fetch(`${app.origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: "ready",
      checks: { database: { status: "ok", ms: expect.any(Number) }, migrations: { status: "ok", ms: expect.any(Number) } },
    });
    for (const res of [health, ready]) {
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("is not ready while a migration this code expects is missing", async () => {
    const [last] = await t.db.query<{ version: string }>("SELECT version FROM schema_migrations ORDER BY version DESC LIMIT 1");
    await t.db.query("DELETE FROM schema_migrations WHERE version = $1", [last!.version]);
    try {
      const res = await fetch(`${app.origin}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: "not ready", checks: { database: { status: "ok" }, migrations: { status: "failed", reason: "1 not applied" } } });
    } finally {
      await t.db.query("INSERT INTO schema_migrations (version) VALUES ($1)", [last!.version]);
    }
    expect((await fetch(`${app.origin}/readyz`)).status).toBe(200);
  });

  it("echoes a sane X-Request-Id, replaces any other, and logs one line per request without the query string", async () => {
    const id = `ops-${randomBytes(6).toString("hex")}`;
    const res = await fetch(`${app.origin}/search?q=${encodeURIComponent("田中誠の相談記録")}`, { headers: { "x-request-id": id }, redirect: "manual" });
    expect(res.headers.get("x-request-id")).toBe(id);
    const odd = await fetch(`${app.origin}/login`, { headers: { "x-request-id": "not a token\u00e9" } });
    expect(odd.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    await expect.poll(() => app.lines.filter((l) => l.reqId === id && l.msg === "request")).toHaveLength(1);
    const line = app.lines.find((l) => l.reqId === id && l.msg === "request")!;
    expect(line).toMatchObject({ level: "info", component: "http", method: "GET", path: "/search", status: 302, durationMs: expect.any(Number) });
    expect(JSON.stringify(app.lines)).not.toContain("田中誠");
  });

  it("names the user once the session is known, and never logs the password or the cookie", async () => {
    const client = new Client(app.origin);
    const login = await client.post("/login", { login: "pt1", password: "kizuna-pt1", next: "/" }, { "x-request-id": "ops-login" });
    expect(login.status).toBe(302);
    const secret = client.cookie.split("=")[1]!;
    await client.get("/");
    const [{ id: userId }] = await t.db.query<{ id: number }>("SELECT id FROM users WHERE login = 'pt1'");
    await expect
      .poll(() => app.lines.some((l) => l.msg === "request" && l.path === "/" && l.userId === userId && l.status === 200))
      .toBe(true);
    const everything = JSON.stringify(app.lines);
    expect(everything).toContain('"reqId":"ops-login"');
    expect(everything).not.toContain("kizuna-pt1");
    expect(everything).not.toContain(secret);
  });

  it("logs an error that reaches the 500 page with its request id and stack, and shows neither the stack nor the message", async () => {
    const marker = `boom-${randomBytes(4).toString("hex")}`;
    app.failQueries(`database exploded: ${marker}`);
    let res: Response;
    try {
      res = await fetch(`${app.origin}/`, { headers: { cookie: "kizuna_session=whatever", "x-request-id": "ops-500" } });
    } finally {
      app.failQueries(null);
    }
    expect(res.status).toBe(500);
    const page = await res.text();
    expect(page).not.toContain(marker);
    expect(page).not.toMatch(/\n\s+at /);
    await expect.poll(() => app.lines.filter((l) => l.reqId === "ops-500").map((l) => l.msg)).toEqual(expect.arrayContaining(["unhandled error", "request"]));
    const error = app.lines.find((l) => l.reqId === "ops-500" && l.msg === "unhandled error")!;
    expect(error.level).toBe("error");
    expect((error.err as { stack: string }).stack).toContain(marker);
    expect(app.lines.find((l) => l.reqId === "ops-500" && l.msg === "request")).toMatchObject({ level: "error", status: 500 });
  });

  it.skipIf(backend.name !== "postgres")("gives the standalone collaboration server /readyz too", async () => {
    const collab = await startStandaloneCollab({ ...loadConfig({}), databaseUrl: t.url, port: 0 });
    try {
      const origin = collab.url.replace(/^ws/, "http").replace(/\/collab$/, "").replace("localhost", "127.0.0.1");
      const ready = await fetch(`${origin}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: "ready", checks: { database: { status: "ok", ms: expect.any(Number) }, migrations: { status: "ok", ms: expect.any(Number) } } }]);
      expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    } finally {
      await collab.close();
    }
  });

  it("checks Meilisearch when it is configured: down is not ready, up is", async () => {
    const log = createLogger({ level: "silent" });
    const dead = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const down = await checkReadiness({ db: t.db, meiliUrl: `http://127.0.0.1:${dead}`, log });
    expect(down.ready).toBe(false);
    expect(down.checks.meilisearch).toEqual({ status: "failed", reason: "error" });
    expect(down.checks.database).toMatchObject({ status: "ok" });
    if (!meiliBinaryAvailable()) return;
    const meili = await startMeiliServer();
    try {
      const up = await checkReadiness({ db: t.db, meiliUrl: meili.url, log });
      expect(up).toMatchObject({ ready: true, checks: { meilisearch: { status: "ok" } } });
    } finally {
      await meili.stop();
    }
  });
});
