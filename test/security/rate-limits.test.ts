import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { THROTTLED } from "../../auth/login";
import { RATE_RULES, RateLimiter } from "../../auth/rate-limit";
import { Agent, startSecurityApp, type SecurityApp } from "./harness";

// Repetition: guessing passwords (throttled in the database, per login and per address),
// and searching or importing faster than a person does (per person, auth/rate-limit.ts).
// Each limit answers 429 in Japanese, and one person's limit is not another's.

describe("rate limits", () => {
  let s: SecurityApp;
  // Signed in before the login tests use up this address's failures.
  const as = {} as Record<"admin" | "pt1" | "staff1", Agent>;
  beforeAll(async () => {
    s = await startSecurityApp();
    for (const login of ["admin", "pt1", "staff1"] as const) as[login] = await new Agent(s.origin).logIn(login);
  });
  afterAll(() => s?.close());

  const tryLogin = (login: string, password: string) => new Agent(s.origin).post("/login", { login, password, next: "/" });

  it("throttles a login after 10 failures, even with the right password, and only that login", async () => {
    // All at once: each is checked against the count before it, so ten in flight are ten failures.
    const failures = await Promise.all(Array.from({ length: 10 }, (_, i) => tryLogin("pt2", `wrong-${i}-password`)));
    expect(failures.map((r) => r.status)).toEqual(Array(10).fill(401));
    const right = await tryLogin("pt2", "kizuna-pt2");
    expect(right.status).toBe(429);
    expect(await right.text()).toContain(THROTTLED);
    expect(right.headers.get("set-cookie")).toBeNull();
    expect((await tryLogin("PT2 ", "kizuna-pt2")).status).toBe(429); // the same login, however typed
    expect((await tryLogin("staff1", "kizuna-staff1")).status).toBe(302);
  });

  it("throttles an address after 30 failures across logins, unknown ones included", async () => {
    const failures = await Promise.all(Array.from({ length: 20 }, (_, i) => tryLogin(`nobody${i}`, "wrong-password-0")));
    expect(failures.map((r) => r.status)).toEqual(Array(20).fill(401));
    const res = await tryLogin("study2", "kizuna-study2");
    expect(res.status).toBe(429);
    expect(await res.text()).toContain(THROTTLED);
  });

  it("limits one person's searches with a Japanese 429, page and API alike, and not anyone else's", async () => {
    const searcher = as.admin;
    const other = as.pt1;
    let answered = 0;
    let limited: Response | undefined;
    // Twenty at a time, so the run takes a few seconds rather than the bucket's refill time.
    for (let i = 0; i < RATE_RULES.search.burst + 100 && !limited; i += 20) {
      const batch = await Promise.all(Array.from({ length: 20 }, (_, j) => searcher.get(`/api/search?q=${encodeURIComponent(`孤立${i + j}`)}`)));
      for (const res of batch) {
        if (res.status === 429) limited ??= res;
        else {
          expect(res.status).toBe(200);
          answered++;
          await res.arrayBuffer();
        }
      }
    }
    expect(limited, "no 429 after the burst").toBeDefined();
    expect(answered).toBeGreaterThanOrEqual(RATE_RULES.search.burst);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await limited!.json();
    expect(body.hits).toEqual([]);
    expect(body.error).toBe(RATE_RULES.search.message);

    // The bucket refills while the test reads the answer (a search every 200 ms), so one page
    // request alone may find a token; a handful at once cannot all find one.
    const pages = await Promise.all(Array.from({ length: 10 }, () => searcher.get(`/search?q=${encodeURIComponent("孤立")}`)));
    const page = pages.find((res) => res.status === 429);
    expect(page, "no page answered 429").toBeDefined();
    for (const res of pages) expect([200, 429]).toContain(res.status);
    const html = await page!.text();
    expect(html).toContain(RATE_RULES.search.message);
    expect(html).toContain('value="孤立"'); // the person's query is kept
    // An empty search box is not a search.
    expect((await searcher.get("/search")).status).toBe(200);
    expect((await other.get(`/api/search?q=${encodeURIComponent("孤立")}`)).status).toBe(200);
  });

  it("limits imported files per person, refusing before anything is read or stored", async () => {
    const staff = as.staff1;
    const other = as.pt1;
    const count = async () => (await s.db.query<{ n: number }>("SELECT count(*)::int AS n FROM import_items"))[0]!.n;
    const upload = (agent: Agent, n: number) =>
      agent.request("POST", "/api/import", {
        multipart: { fields: { batch: crypto.randomUUID() }, files: Array.from({ length: n }, (_, i) => ({ name: `memo-${i}.bin`, content: "x", type: "application/octet-stream" })) },
      });

    // More than a whole burst in one request: refused outright, nothing stored.
    const before = await count();
    const huge = await upload(staff, RATE_RULES.import.burst + 1);
    expect(huge.status).toBe(429);
    expect((await huge.json()).error).toBe(RATE_RULES.import.message);
    expect(await count()).toBe(before);

    let limited: Response | undefined;
    let sent = 0;
    const per = Math.ceil(RATE_RULES.import.burst / 5);
    while (!limited && sent < RATE_RULES.import.burst * 2) {
      const res = await upload(staff, per);
      if (res.status === 429) limited = res;
      else {
        expect(res.status).toBe(200);
        sent += per;
        await res.arrayBuffer();
      }
    }
    expect(limited).toBeDefined();
    expect(sent).toBeGreaterThanOrEqual(RATE_RULES.import.burst - per);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
    // The form upload (no JavaScript) and the draft import share the person's budget.
    const files = Array.from({ length: RATE_RULES.import.burst }, (_, i) => ({ name: `a${i}.txt`, content: "本文", type: "text/plain" }));
    const form = await staff.request("POST", "/knowledge/import", { multipart: { fields: { intent: "upload", batch: crypto.randomUUID() }, files } });
    expect(form.status).toBe(429);
    expect(await form.text()).toContain(RATE_RULES.import.message);
    expect((await upload(other, 3)).status).toBe(200);
  });

  it("refills at the declared rate and forgets full buckets", () => {
    let now = 0;
    const limiter = new RateLimiter(RATE_RULES, () => now);
    for (let i = 0; i < RATE_RULES.search.burst; i++) expect(limiter.take("search", 7)).toBe(0);
    expect(limiter.take("search", 7)).toBeGreaterThan(0);
    expect(limiter.take("search", 8)).toBe(0);
    now += 1000 / RATE_RULES.search.perSecond;
    expect(limiter.take("search", 7)).toBe(0);
    expect(limiter.take("search", 7)).toBeGreaterThan(0);
    expect(limiter.take("import", 7, RATE_RULES.import.burst + 1)).toBeGreaterThan(0);
    expect(limiter.take("import", 7, RATE_RULES.import.burst)).toBe(0);
  });

  it("refuses an upload of more files than a burst even when its body took long enough to refill the first file", () => {
    let now = 0;
    const limiter = new RateLimiter(RATE_RULES, () => now);
    expect(limiter.take("import", 9)).toBe(0); // the first file, before the body is read
    now += 2000; // a slow read: the bucket is full again
    expect(limiter.take("import", 9, RATE_RULES.import.burst, 1)).toBeGreaterThan(0);
    expect(limiter.take("import", 9, RATE_RULES.import.burst - 1, 1)).toBe(0);
  });
});
