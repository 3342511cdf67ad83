import os from "node:os";
import { parseArgs } from "node:util";
import { migrate } from "../db/migrate";
import { seed } from "../seeds";
import { loadConfig } from "../server/config";
import { openServices } from "../server/services";
import { cpuSecondsOf, embeddedDataPlace, sampleRss, serverDataPlace, startServer, type DataPlace } from "./collab-server";
import { addPeople, addRecords, loadPassword } from "./load-data";
import { failures, logIn, readingScenarios, runLoad, type LoadResult } from "./load-run";
import { BENCH_QUERIES } from "./queries";

// `npm run bench:load [-- --connections 50 --duration 30 --records 1000]`: the pages staff use
// most (search results, the header's instant results, a record) under many people at once,
// served by the app in a process of its own. Each connection is a person of their own, signed
// in through the login form, so the per-person search limit (auth/rate-limit.ts) applies as in
// real use and is not what is measured. Prints throughput, latency and every answer that was
// not a 200; nothing asserts on the figures. --database-url <server Postgres> to measure on a
// server database (embedded PGlite without it); --seed 42.

const { values: args } = parseArgs({
  options: {
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "30" },
    records: { type: "string", default: "1000" },
    seed: { type: "string", default: "42" },
    "database-url": { type: "string" },
  },
});
const CONNECTIONS = Number(args.connections);
const DURATION = Number(args.duration);
const RECORDS = Number(args.records);
for (const [name, value] of Object.entries({ connections: CONNECTIONS, duration: DURATION, records: RECORDS })) {
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} wants a whole number, not ${args[name as keyof typeof args]}`);
}

const log = (line = "") => console.log(line);
const load = () => `load average ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}`;
const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** Migrates, seeds, adds the records and the people, and indexes everything, before the server starts. */
async function prepare(place: DataPlace): Promise<number[]> {
  const services = await openServices(loadConfig({ ...process.env, DATABASE_URL: "", ...place.env }));
  try {
    await migrate(services.db);
    await seed(services.db);
    const started = performance.now();
    await services.db.transaction((tx) => addRecords(tx, RECORDS, Number(args.seed)));
    await addPeople(services.db, CONNECTIONS);
    await services.search.synonyms.load();
    await services.search.indexer.drain();
    const [stats] = await services.db.query<{ records: number; chunks: number }>(
      "SELECT (SELECT count(*)::int FROM records) AS records, (SELECT count(*)::int FROM search_chunks) AS chunks",
    );
    log(`data: ${stats!.records} records (${RECORDS} synthetic from bench/corpus.ts, the rest the demo data), ${stats!.chunks} search chunks; written and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return (await services.db.query<{ id: number }>("SELECT id FROM records ORDER BY id")).map((r) => r.id);
  } finally {
    await services.close();
  }
}

function row(result: LoadResult, rss: { peak: number }, cpu: number, loadAverage: string): string {
  const others = Object.entries(result.statuses)
    .filter(([code]) => code !== "200")
    .map(([code, n]) => `${n}×${code}`)
    .join(", ");
  return `| ${result.label} | ${result.connections} | ${result.requests} | ${result.perSecond.toFixed(0)} | ${ms(result.latency.p50)} ms | ${ms(result.latency.p95)} ms | ${ms(result.latency.p99)} ms | ${ms(result.latency.max)} ms | ${failures(result)}${others ? ` (${others})` : ""} | ${(result.meanBytes / 1024).toFixed(1)} KiB | ${mib(rss.peak)} | ${((cpu / result.durationSeconds) * 100).toFixed(0)}% | ${loadAverage} |`;
}

async function main() {
  log(`command: npm run bench:load -- ${process.argv.slice(2).join(" ")}`.trimEnd());
  log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}; ${load()} at start`);
  log("note: autocannon runs in this process, on the same cores as the server; its own CPU is not the server's but competes with it");
  const place = args["database-url"] ? await serverDataPlace(args["database-url"]) : await embeddedDataPlace();
  const rows: string[] = [];
  try {
    const recordIds = await prepare(place);
    const server = await startServer(place.env);
    try {
      log(`server: ${server.entry}, pid ${server.pid}, ${place.description}`);
      const cookies: string[] = [];
      for (let i = 1; i <= CONNECTIONS; i++) cookies.push(await logIn(server.origin, `bench-load-${i}`, loadPassword(i)));
      log(`${CONNECTIONS} people signed in (staff role), one per connection`);
      const queries = BENCH_QUERIES.filter((q) => !q.request.filters && !q.request.sort && !q.request.page).map((q) => q.request.query);
      for (const scenario of readingScenarios(queries, recordIds)) {
        // A short warm-up: the first requests compile templates and fill caches.
        await runLoad(scenario, { origin: server.origin, cookies, connections: CONNECTIONS, durationSeconds: 3 });
        const rss = sampleRss(server.pid);
        const cpuBefore = cpuSecondsOf(server.pid);
        const result = await runLoad(scenario, { origin: server.origin, cookies, connections: CONNECTIONS, durationSeconds: DURATION });
        const cpu = cpuSecondsOf(server.pid) - cpuBefore;
        const memory = rss.stop();
        const line = row(result, memory, cpu, load());
        rows.push(line);
        log(`\n== ${scenario.label}: ${CONNECTIONS} connections for ${DURATION} s`);
        log(`${result.requests} answers (${result.perSecond.toFixed(0)}/s): p50 ${ms(result.latency.p50)} ms, p95 ${ms(result.latency.p95)} ms, p99 ${ms(result.latency.p99)} ms, max ${ms(result.latency.max)} ms`);
        log(`not 200: ${failures(result)} (statuses ${JSON.stringify(result.statuses)}, connection errors ${result.errors}, timeouts ${result.timeouts}); server RSS peak ${mib(memory.peak)}, CPU ${((cpu / DURATION) * 100).toFixed(0)}% of a core; ${load()}`);
      }
    } finally {
      await server.stop();
    }
  } finally {
    await place.remove();
  }
  log("\nsummary");
  log("| pages | connections | answers | per second | p50 | p95 | p99 | max | not 200 | mean size | server RSS peak | server CPU | load average |");
  log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const line of rows) log(line);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
