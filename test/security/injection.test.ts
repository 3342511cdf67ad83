import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RATE_RULES } from "../../auth/rate-limit";
import { operations } from "../../cli/operations";
import { runCli, type CliResult } from "../support/cli";
import { Agent, changedTables, fingerprint, startSecurityApp, type SecurityApp } from "./harness";

// SQL injection and search-syntax abuse through every way a query comes in: the search
// page, /api/search (the header's instant results), and `kizuna search`. Each must answer
// (no 500) with hits, nothing, or a Japanese notice, quickly, and leave the database as it was.

export const INJECTION_QUERIES: string[] = [
  // SQL
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE records; --",
  "\"; DROP TABLE users; --",
  "孤独' UNION SELECT password_hash, login FROM users --",
  "1; SELECT pg_sleep(5) --",
  "' || pg_sleep(5) || '",
  "$1 $2 $$ $tag$",
  "E'\\x27' \\' \\\\",
  "%' OR '%'='",
  "_%_%_",
  "'); DELETE FROM sessions; --",
  // search syntax
  "OR",
  "OR OR OR",
  "孤独 OR",
  "OR 孤立",
  "\"",
  "\"unbalanced phrase",
  "\"\"\"",
  "-",
  "--",
  "-孤独",
  "- - -",
  "-\"",
  "孤独 -",
  "( ( ( ( (",
  ")))",
  "AND NOT NEAR",
  "ＯＲ　ー　＂",
  "a & b | !c <-> d :*",
  "title = \"x\" OR 1 = 1",
  "{\"$gt\": \"\"}",
  // regular-expression metacharacters
  ".*",
  "(a|b)*c+?",
  "[[:alpha:]]",
  "\\d+\\w*\\s",
  "^$",
  "a{1,100000}",
  "(((a+)+)+)+b",
  "*?+[](){}|^$\\",
  // control characters and odd Unicode
  "\u0001\u0002\u0003\u001f",
  "\t\r\n孤独\t",
  "a\u0000b",
  "\u202E孤立\u202D",
  "😀👨‍👩‍👧",
  "\uFEFF\u200B\u200D",
  // very long
  "孤独".repeat(5000),
  "a ".repeat(4999) + "a",
  "OR ".repeat(3000),
  "\"".repeat(10_000),
  "(".repeat(10_000),
];

describe("injection through search", () => {
  let s: SecurityApp;
  // One person per channel: each stays under the search limit (60 at once, rate-limits.test.ts).
  let agent: Agent;
  let apiAgent: Agent;
  let before: Map<string, string>;
  let counts: { users: number; records: number; sessions: number };
  const slowest = { ms: 0, query: "" };

  const countRows = async () => {
    const [row] = await s.db.query<{ users: number; records: number; sessions: number }>(
      "SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM records) AS records, (SELECT count(*)::int FROM sessions) AS sessions",
    );
    return row!;
  };

  beforeAll(async () => {
    s = await startSecurityApp();
    agent = await new Agent(s.origin).logIn("staff1");
    apiAgent = await new Agent(s.origin).logIn("study1");
    counts = await countRows();
    before = await fingerprint(s.db);
  });
  afterAll(async () => {
    await s?.close();
    console.log(`[security] injection: ${INJECTION_QUERIES.length} queries × 3 channels; slowest ${slowest.ms} ms (${JSON.stringify(slowest.query.slice(0, 30))})`);
  });

  /** A URL a browser could send: at most what Node accepts in a request line (16 KB). */
  const urlQuery = (q: string) => encodeURIComponent(q.length > 10_000 ? q.slice(0, 10_000) : q).slice(0, 14_000).replace(/%[0-9A-F]?$/i, "");

  const timed = async <T>(query: string, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await run();
    const ms = Math.round(performance.now() - start);
    if (ms > slowest.ms) Object.assign(slowest, { ms, query });
    expect(ms, `${JSON.stringify(query.slice(0, 30))} took ${ms} ms`).toBeLessThan(4000);
    return result;
  };

  it("stays under the search limit, so every answer below is the search's own", () => {
    expect(INJECTION_QUERIES.length).toBeLessThan(RATE_RULES.search.burst);
  });

  it.each(INJECTION_QUERIES.map((q) => [JSON.stringify(q.slice(0, 40)), q] as const))("the search page answers %s in Japanese", async (_label, query) => {
    const res = await timed(query, () => agent.get(`/search?q=${urlQuery(query)}`));
    const html = await res.text();
    expect(res.status).toBe(200);
    // Hits, the "nothing found" message, or a notice saying what was done with the query.
    expect(html).toMatch(/class="hit-list"|見つかりませんでした|<p class="form-warning">[^<]*[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(html).not.toMatch(/PostgresError|syntax error|at .*\.(ts|js):\d+/);
  });

  it("answers every query on /api/search with JSON, never a server error", async () => {
    for (const query of INJECTION_QUERIES) {
      const res = await timed(query, () => apiAgent.get(`/api/search?q=${urlQuery(query)}`));
      expect(res.status, JSON.stringify(query.slice(0, 30))).toBe(200);
      const body = await res.json();
      expect(Array.isArray(body.hits)).toBe(true);
      if (body.notice) expect(body.notice).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it("answers every query through the CLI's search operation", async () => {
    for (const query of INJECTION_QUERIES) {
      const result = (await timed(query, () => operations.search(s.app.services, { query }))) as { hits: unknown[]; notice?: string };
      expect(Array.isArray(result.hits)).toBe(true);
      if (result.notice) expect(result.notice).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it("answers `kizuna search` in its own process, and refuses an over-long query in Japanese", async () => {
    let dataDir: string | undefined;
    const env = s.t.url ? { DATABASE_URL: s.t.url } : { KIZUNA_DATA_DIR: (dataDir = await mkdtemp(path.join(os.tmpdir(), "kizuna-inj-"))) };
    try {
      const runs = [
        ["search", "' OR '1'='1'; DROP TABLE users; --", "--json"],
        ["search", "\"unbalanced (a|b)*c \u0001\u001f -", "--json"],
        ["search", "孤独".repeat(5000), "--json"],
        ["search", "x".repeat(10_001), "--json"],
      ];
      // An embedded data directory takes one process at a time; server Postgres takes them all.
      const results: CliResult[] = [];
      if (dataDir) for (const args of runs) results.push(await runCli(args, env));
      else results.push(...(await Promise.all(runs.map((args) => runCli(args, env)))));
      const [sql, syntax, long, tooLong] = results;
      for (const r of [sql!, syntax!, long!]) {
        expect(r.code, r.stderr).toBe(0);
        expect(Array.isArray(JSON.parse(r.stdout).hits)).toBe(true);
      }
      expect(tooLong!.code).toBe(1);
      expect(tooLong!.stdout).toBe("");
      expect(tooLong!.stderr).toContain("コマンドの引数が正しくありません");
      expect(tooLong!.stderr).not.toContain("    at ");
    } finally {
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }
  });

  // Postgres refuses U+0000 in text; the database adapters turn that into a Japanese message.
  it("refuses a NUL character in a form field with a Japanese message, not a server error", async () => {
    const res = await agent.post("/knowledge/new", { kind: "measure", title: "改行\u0000記録", summary: "", bodyText: "", note: "" });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/文字/);
  });

  it("leaves the database exactly as it was", async () => {
    expect(await countRows()).toEqual(counts);
    expect(changedTables(before, await fingerprint(s.db))).toEqual([]);
  });
});
