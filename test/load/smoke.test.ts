import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPeople, addRecords, loadPassword } from "../../bench/load-data";
import { failures, logIn, readingScenarios, runLoad, type LoadResult } from "../../bench/load-run";
import { BENCH_QUERIES } from "../../bench/queries";
import { seed } from "../../seeds";
import { backends, type TestDatabase } from "../support/db";
import { startHttpApp } from "../support/http-app";

// The load benchmark (npm run bench:load, docs/PERFORMANCE.md) as a short smoke run: twenty
// connections of ten people at once on the search pages and the record pages of a knowledge
// base of a hundred-odd records. What it asserts is what each of them relies on — every request answered,
// with a 200 — never how fast: the figures are printed, and measured by the benchmark.

const backend = backends.find((b) => b.name === "postgres") ?? backends[0]!;
const PEOPLE = 10;
const CONNECTIONS = 20;
const SECONDS = 3;

describe(`the reading pages under ${CONNECTIONS} connections of ${PEOPLE} people at once (${backend.name})`, () => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof startHttpApp>>;
  let cookies: string[];
  let recordIds: number[];

  beforeAll(async () => {
    t = await backend.create();
    // startHttpApp seeds and indexes; the synthetic records and the people come first.
    await seed(t.db);
    await t.db.transaction((tx) => addRecords(tx, 100, 42));
    await addPeople(t.db, PEOPLE);
    app = await startHttpApp(t.db);
    cookies = await Promise.all(Array.from({ length: PEOPLE }, (_, i) => logIn(app.origin, `bench-load-${i + 1}`, loadPassword(i + 1))));
    recordIds = (await t.db.query<{ id: number }>("SELECT id FROM records ORDER BY id")).map((r) => r.id);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const queries = BENCH_QUERIES.filter((q) => !q.request.filters && !q.request.sort && !q.request.page).map((q) => q.request.query);

  for (const [i, label] of ["検索結果ページ", "インクリメンタル検索", "記録ページ"].entries()) {
    it(`answers every request on the ${label} with a 200`, async () => {
      const scenario = readingScenarios(queries, recordIds)[i]!;
      expect(scenario.label).toContain(label);
      const result: LoadResult = await runLoad(scenario, { origin: app.origin, cookies, connections: CONNECTIONS, durationSeconds: SECONDS });
      console.log(
        `[load smoke] ${result.label}: ${result.requests} answers in ${SECONDS} s, p50 ${result.latency.p50.toFixed(0)} ms, p95 ${result.latency.p95.toFixed(0)} ms, statuses ${JSON.stringify(result.statuses)}`,
      );
      expect(result.errors, "connection errors").toBe(0);
      expect(result.timeouts, "requests never answered").toBe(0);
      expect(result.statuses, "answers that were not a 200").toEqual({ 200: result.requests });
      // Every connection was served at least once.
      expect(result.requests).toBeGreaterThanOrEqual(CONNECTIONS);
      expect(failures(result)).toBe(0);
    });
  }

  it("still serves one person's page, with that person's results, after the load", async () => {
    const res = await fetch(`${app.origin}/search?q=${encodeURIComponent("ヤングケアラー")}`, { headers: { cookie: cookies[0]! } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("bench-load-1"); // the header names who is signed in
    expect(html).toMatch(/<mark>ヤングケアラー<\/mark>/);
  });
});
