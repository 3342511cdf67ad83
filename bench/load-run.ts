import autocannon from "autocannon";

// One load run: `connections` keep-alive connections, each a signed-in person of its own,
// send GET requests back to back for `durationSeconds`, each request to the next path of the
// scenario. Shared by the load benchmark (bench/load.ts) and its smoke run in CI
// (test/load), which asserts only that every request was answered as a person expects.

export interface LoadScenario {
  /** What a person is doing, for the printout. */
  label: string;
  /** The path of the n-th request (any connection); the scenario cycles through its pages. */
  path(n: number): string;
}

export interface LoadOptions {
  origin: string;
  /** Session cookies (`name=value`), one per connection, dealt round-robin if fewer. */
  cookies: string[];
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  label: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  perSecond: number;
  /** Responses by status code. */
  statuses: Record<number, number>;
  /** Connection errors and timeouts (no response at all). */
  errors: number;
  timeouts: number;
  latency: { p50: number; p95: number; p99: number; max: number };
  /** Mean response body size in bytes. */
  meanBytes: number;
}

/** The q-th quantile of sorted values (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

interface ConnectionContext {
  cookie?: string;
}

export async function runLoad(scenario: LoadScenario, options: LoadOptions): Promise<LoadResult> {
  if (!options.cookies.length) throw new Error("runLoad needs at least one session cookie");
  let nextConnection = 0;
  let nextRequest = 0;
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let bytes = 0;
  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: Error) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const settings: autocannon.Options = {
    url: options.origin,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 30,
    requests: [
      {
        method: "GET",
        // The context lives as long as its connection: the first request picks the person.
        setupRequest(request: autocannon.Request, context: ConnectionContext) {
          context.cookie ??= options.cookies[nextConnection++ % options.cookies.length];
          return { ...request, path: scenario.path(nextRequest++), headers: { ...request.headers, cookie: context.cookie! } };
        },
      },
    ],
  };
  const instance = autocannon(settings, (error, result) => (error ? fail(error) : finish(result)));
  // autocannon's own summary has no p95; every response's time is kept instead.
  instance.on("response", (_client: unknown, statusCode: number, resBytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    bytes += resBytes;
  });
  const result = await finished;
  latencies.sort((a, b) => a - b);
  return {
    label: scenario.label,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    requests: latencies.length,
    perSecond: latencies.length / options.durationSeconds,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    latency: {
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
      p99: quantile(latencies, 0.99),
      max: latencies.at(-1) ?? NaN,
    },
    meanBytes: latencies.length ? bytes / latencies.length : 0,
  };
}

/** Requests answered with anything but 200, and requests never answered. */
export function failures(result: LoadResult): number {
  const refused = Object.entries(result.statuses).reduce((sum, [code, n]) => sum + (code === "200" ? 0 : n), 0);
  return refused + result.errors + result.timeouts;
}

/** Signs a person in through the login form and returns the session cookie. */
export async function logIn(origin: string, login: string, password: string): Promise<string> {
  const res = await fetch(`${origin}/login`, {
    method: "POST",
    body: new URLSearchParams({ login, password, next: "/" }),
    headers: { origin },
    redirect: "manual",
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 302 || !cookie) throw new Error(`login as ${login} failed: ${res.status}`);
  return cookie;
}

/**
 * What people do most: search from the results page and from the header's instant results,
 * and read records. Queries cycle through `queries`, records through `recordIds`.
 */
export function readingScenarios(queries: string[], recordIds: number[]): LoadScenario[] {
  const q = (n: number) => encodeURIComponent(queries[n % queries.length]!);
  return [
    { label: "検索結果ページ /search", path: (n) => `/search?q=${q(n)}` },
    { label: "インクリメンタル検索 /api/search", path: (n) => `/api/search?q=${q(n)}` },
    { label: "記録ページ /knowledge/:id", path: (n) => `/knowledge/${recordIds[n % recordIds.length]}` },
  ];
}
