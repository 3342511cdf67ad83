import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import * as Y from "yjs";
import { draftDocumentName } from "../collab-server/protocol";
import { articleTexts, connectClient, DeliveryLedger, marker, type BenchClient } from "./collab-clients";
import { generateDraftXml } from "./collab-draft";
import { embeddedDataPlace, rssOf, runCli, sampleRss, serverDataPlace, startServer, type DataPlace, type ServerProcess } from "./collab-server";

// `npm run bench:collab [-- --clients 50,200 --duration 30 --rate 10]`: N headless editors on
// one long draft, served by the app in a process of its own. Prints how long an edit takes to
// reach the other editors, the server's memory and CPU, and how long a cold open takes. It
// prints figures; nothing asserts on them, because timings depend on the machine.

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "50,200" },
    duration: { type: "string", default: "30" },
    rate: { type: "string", default: "10" },
    articles: { type: "string", default: "300" },
    seed: { type: "string", default: "42" },
    "cold-samples": { type: "string", default: "5" },
    /** Server Postgres to create a throwaway database on; embedded PGlite without it. */
    "database-url": { type: "string" },
  },
});
const CLIENT_COUNTS = args.clients!.split(",").map(Number);
const DURATION_MS = Number(args.duration) * 1000;
const RATE = Number(args.rate);
const ARTICLES = Number(args.articles);
const COLD_SAMPLES = Number(args["cold-samples"]);
/** The server refuses a user's 21st connection (collab-server/extensions/limits.ts). */
const CONNECTIONS_PER_USER = 20;
/** Hocuspocus unloads a draft once its last client has left and the store hook (compaction) ran. */
const UNLOAD_WAIT_MS = 3000;
/** How long to wait for late deliveries after the last edit. */
const STRAGGLER_WAIT_MS = 10_000;
const CONNECT_BATCH = 10;
const TARGET_P95_MS: Record<number, number> = { 50: 50, 200: 150 };
const TARGET_COLD_OPEN_MS = 300;

const log = (line = "") => console.log(line);
// Other work on the machine skews every figure: the load average is printed beside them.
const load = () => `load average ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}`;
const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1]! };
}
/** Seconds of CPU a process has used (user + system), from /proc; clock ticks are 1/100 s on Linux. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(Number(args.seed));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** Runs tasks a few at a time: each CLI call is a Node process of its own. */
async function inParallel<T>(tasks: (() => Promise<T>)[], width = 4): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < tasks.length; i += width) results.push(...(await Promise.all(tasks.slice(i, i + width).map((task) => task()))));
  return results;
}

/** Tokens of enough PT users for the largest run: pt1 and pt2 from the seeds, then bench users. */
async function ptTokens(server: ServerProcess, clients: number): Promise<string[]> {
  const logins = Array.from({ length: Math.ceil(clients / CONNECTIONS_PER_USER) }, (_, i) => (i < 2 ? `pt${i + 1}` : `bench-pt${i + 1}`));
  await inParallel(logins.slice(2).map((login) => () => runCli(["user", "add", login, "--role", "pt"], server.env)));
  const tokens = await inParallel(logins.map((login) => () => runCli<{ token: string }>(["token", login, "--ttl", "240"], server.env)));
  return tokens.map((t) => t.token);
}

/** Opens the draft with nobody else on it: time from a new provider to its `synced`. */
async function coldOpens(server: ServerProcess, documentName: string, token: string) {
  const samples: number[] = [];
  let stateBytes = 0;
  let articles = 0;
  for (let i = 0; i < COLD_SAMPLES; i++) {
    await sleep(UNLOAD_WAIT_MS);
    const start = performance.now();
    const client = await connectClient(server.origin, documentName, token, 0);
    samples.push(performance.now() - start);
    stateBytes = Y.encodeStateAsUpdate(client.doc).byteLength;
    articles = articleTexts(client.doc).length;
    client.destroy();
  }
  await sleep(UNLOAD_WAIT_MS);
  return { ...summary(samples), samples, stateBytes, articles };
}

interface RunFigures {
  clients: number;
  edits: number;
  deliveries: number;
  missing: number;
  /** Close codes and how often each occurred. */
  closes: Map<number, number>;
  latency: ReturnType<typeof summary>;
  acknowledgement: ReturnType<typeof summary>;
  /** CPU of the bench process (all clients), in cores. */
  clientCpu: number;
  rss: { before: number; peak: number; end: number };
  serverCpu: number;
  /** CPU milliseconds per edit until every delivery arrived: what the work costs, whatever the machine's load. */
  serverCpuPerEdit: number;
  clientCpuPerEdit: number;
  loopDelayP99: number;
  connectMs: number;
  load: string;
}

let nextMarker = 1;

async function run(server: ServerProcess, documentName: string, tokens: string[], count: number): Promise<RunFigures> {
  log(`\n== ${count} clients, ${RATE} edits/s for ${DURATION_MS / 1000} s (${load()})`);
  const rssBefore = rssOf(server.pid);
  const connectStart = performance.now();
  const clients: BenchClient[] = [];
  for (let i = 0; i < count; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - i) }, (_, j) => i + j);
    clients.push(...(await Promise.all(batch.map((index) => connectClient(server.origin, documentName, tokens[Math.floor(index / CONNECTIONS_PER_USER)]!, index)))));
  }
  const connectMs = performance.now() - connectStart;
  log(`connected and synced ${count} clients in ${ms(connectMs)} ms; server RSS ${mib(rssOf(server.pid))} (${mib(rssBefore)} before)`);
  const ledger = new DeliveryLedger();
  for (const client of clients) {
    client.articles = articleTexts(client.doc);
    ledger.watch(client);
  }

  const rss = sampleRss(server.pid);
  const cpuStart = cpuSecondsOf(server.pid);
  const clientCpuStart = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const start = performance.now();
  for (let i = 0; ; i++) {
    const due = start + (i * 1000) / RATE;
    if (due - start >= DURATION_MS) break;
    if (due > performance.now()) await sleep(due - performance.now());
    const client = pick(clients);
    const text = pick(pick(client.articles));
    const id = nextMarker++;
    ledger.recordSend(id, client.index);
    text.insert(Math.floor(random() * (text.length + 1)), marker(id));
  }
  const { peak, end } = rss.stop();
  const elapsed = (performance.now() - start) / 1000;
  const serverCpu = (cpuSecondsOf(server.pid) - cpuStart) / elapsed;
  const clientCpuUsed = process.cpuUsage(clientCpuStart);
  const clientCpu = (clientCpuUsed.user + clientCpuUsed.system) / 1e6 / elapsed;
  const runLoad = load();
  for (const waitStart = performance.now(); ledger.missing(count) > 0 && performance.now() - waitStart < STRAGGLER_WAIT_MS; ) await sleep(100);
  const serverCpuTotal = cpuSecondsOf(server.pid) - cpuStart;
  const clientCpuTotal = process.cpuUsage(clientCpuStart);
  loopDelay.disable();
  for (const client of clients) client.destroy();

  const figures: RunFigures = {
    clients: count,
    edits: ledger.edits,
    deliveries: ledger.latencies.length,
    missing: ledger.missing(count),
    closes: closeCounts(clients),
    latency: summary(ledger.latencies),
    acknowledgement: summary(ledger.acknowledgements),
    clientCpu,
    rss: { before: rssBefore, peak, end },
    serverCpu,
    serverCpuPerEdit: (serverCpuTotal * 1000) / ledger.edits,
    clientCpuPerEdit: (clientCpuTotal.user + clientCpuTotal.system) / 1000 / ledger.edits,
    loopDelayP99: loopDelay.percentile(99) / 1e6,
    connectMs,
    load: runLoad,
  };
  const { latency, acknowledgement: ack } = figures;
  const closes = [...figures.closes].map(([code, n]) => `${n} × ${code}`).join(", ") || "none";
  log(`edit → other clients: p50 ${ms(latency.p50)} ms, p95 ${ms(latency.p95)} ms, max ${ms(latency.max)} ms over ${figures.deliveries} deliveries of ${figures.edits} edits; ${figures.missing} missing after ${STRAGGLER_WAIT_MS / 1000} s; connections closed: ${closes}`);
  log(`edit → acknowledged to its sender (stored and applied): p50 ${ms(ack.p50)} ms, p95 ${ms(ack.p95)} ms, max ${ms(ack.max)} ms`);
  log(`server: RSS peak ${mib(peak)}, ${mib(end)} at the end; CPU ${(serverCpu * 100).toFixed(0)}% of a core. Clients (this process): CPU ${(clientCpu * 100).toFixed(0)}% of a core, event-loop delay p99 ${ms(figures.loopDelayP99)} ms (${runLoad})`);
  log(`CPU per edit, until every delivery arrived (awareness renewals included): server ${ms(figures.serverCpuPerEdit)} ms, clients ${ms(figures.clientCpuPerEdit)} ms`);
  return figures;
}

function closeCounts(clients: BenchClient[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const code of clients.flatMap((c) => c.closes)) counts.set(code, (counts.get(code) ?? 0) + 1);
  return counts;
}

const verdict = (value: number, target: number) => `${value <= target ? "met" : "not met"} (${ms(value)} ms ≤ ${target} ms)`;

async function main() {
  const given = process.argv.slice(2).join(" ");
  const script = process.env.npm_lifecycle_event;
  log(`command: ${script?.startsWith("bench") ? `npm run ${script}${given ? ` -- ${given}` : ""}` : `tsx bench/collab.ts ${given}`.trimEnd()}`);
  log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${os.type()} ${os.release()}; ${load()} at start`);
  log("note: every client runs in this one Node process beside the measurement, so client-side cost (decoding, applying, observing) is inside the latencies");

  const place: DataPlace = args["database-url"] ? await serverDataPlace(args["database-url"]) : await embeddedDataPlace();
  const work = await mkdtemp(path.join(os.tmpdir(), "kizuna-bench-draft-"));
  let server: ServerProcess | undefined;
  const cleanUp = async () => {
    await server?.stop();
    await place.remove();
    await rm(work, { recursive: true, force: true });
  };
  const interrupted = () => void cleanUp().finally(() => process.exit(130));
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    server = await startServer(place.env);
    log(`server: ${server.entry}, pid ${server.pid}, ${place.description}; RSS ${mib(rssOf(server.pid))} idle`);

    const draft = generateDraftXml({ articles: ARTICLES, seed: Number(args.seed) });
    const file = path.join(work, "bench-ordinance.xml");
    await writeFile(file, draft.xml);
    const imported = await runCli<{ draftId: number; articles: number }>(["draft", "import", file], server.env);
    log(`draft: ${imported.articles} articles, ${draft.sentences} sentences, ${draft.characters.toLocaleString("en")} characters, ${(draft.xml.length / 1024).toFixed(0)} KiB of e-Gov XML (kizuna draft import → draft ${imported.draftId})`);
    const documentName = draftDocumentName(imported.draftId);
    const tokens = await ptTokens(server, Math.max(...CLIENT_COUNTS));
    log(`clients spread over ${tokens.length} PT users, at most ${CONNECTIONS_PER_USER} connections each (the server's per-user limit)`);

    const coldFresh = await coldOpens(server, documentName, tokens[0]!);
    log(`cold open, as imported: median ${ms(coldFresh.p50)} ms, max ${ms(coldFresh.max)} ms (${coldFresh.samples.map(ms).join(", ")}); state ${(coldFresh.stateBytes / 1024).toFixed(0)} KiB, ${coldFresh.articles} articles`);

    const runs: RunFigures[] = [];
    for (const count of CLIENT_COUNTS) {
      runs.push(await run(server, documentName, tokens, count));
      await sleep(UNLOAD_WAIT_MS);
    }

    const coldEdited = await coldOpens(server, documentName, tokens[0]!);
    log(`\ncold open after the runs (${nextMarker - 1} edits, compacted): median ${ms(coldEdited.p50)} ms, max ${ms(coldEdited.max)} ms (${coldEdited.samples.map(ms).join(", ")}); state ${(coldEdited.stateBytes / 1024).toFixed(0)} KiB`);
    log(`server RSS at the end, nobody connected: ${mib(rssOf(server.pid))} (${load()})`);

    log("\nsummary (latency: an edit's arrival at each other client)");
    log("| clients | edits | deliveries | missing | p50 | p95 | max | ack p50 / p95 | server RSS peak / end | CPU server / clients | load average |");
    log("|---|---|---|---|---|---|---|---|---|---|---|");
    for (const r of runs) {
      log(`| ${r.clients} | ${r.edits} | ${r.deliveries} | ${r.missing} | ${ms(r.latency.p50)} ms | ${ms(r.latency.p95)} ms | ${ms(r.latency.max)} ms | ${ms(r.acknowledgement.p50)} / ${ms(r.acknowledgement.p95)} ms | ${mib(r.rss.peak)} / ${mib(r.rss.end)} | ${(r.serverCpu * 100).toFixed(0)}% / ${(r.clientCpu * 100).toFixed(0)}% | ${r.load.replace("load average ", "")} |`);
    }
    log("\ntargets");
    for (const r of runs) {
      const target = TARGET_P95_MS[r.clients];
      if (target) log(`  p95 at ${r.clients} clients ≤ ${target} ms: ${verdict(r.latency.p95, target)}`);
    }
    log(`  cold open of a ${coldFresh.articles}-article draft ≤ ${TARGET_COLD_OPEN_MS} ms (median): as imported ${verdict(coldFresh.p50, TARGET_COLD_OPEN_MS)}; after the runs ${verdict(coldEdited.p50, TARGET_COLD_OPEN_MS)}`);
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
