import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as Y from "yjs";
import { draftDocumentName } from "../collab-server/protocol";
import { articleTexts, connectClient, DeliveryLedger, type GroupReport } from "./collab-clients";
import { generateDraftXml, mulberry32 } from "./collab-draft";
import { forkGroup, inProcessGroup, type GroupHandle, type GroupResult } from "./collab-group";
import { CONNECTIONS_PER_USER, cpuSecondsOf, embeddedDataPlace, ptTokens, rssOf, runCli, sampleRss, serverDataPlace, startServer, type DataPlace, type ServerProcess } from "./collab-server";

// `npm run bench:collab [-- --clients 50,200 --duration 30 --rate 10 --client-processes K]`: N
// headless editors on one long draft, served by the app in a process of its own. Prints how long
// an edit takes to reach the other editors, the server's memory and CPU, and how long a cold open
// takes. It prints figures; nothing asserts on them, because timings depend on the machine.
// --client-processes K spreads the clients over K worker processes (bench/collab-worker.ts), so
// that their CPU is not the measuring process's; 1 keeps them all in this process, as the bench
// always did. Default: 2 from 100 clients, else 1. Other options: --articles 300, --seed 42,
// --cold-samples 5, --database-url <server Postgres> (embedded PGlite without it).

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "50,200" },
    duration: { type: "string", default: "30" },
    rate: { type: "string", default: "10" },
    articles: { type: "string", default: "300" },
    seed: { type: "string", default: "42" },
    "cold-samples": { type: "string", default: "5" },
    /** Worker processes for the clients; 1 = this process. Default: 2 from 100 clients, else 1. */
    "client-processes": { type: "string" },
    /** Server Postgres to create a throwaway database on; embedded PGlite without it. */
    "database-url": { type: "string" },
  },
});
const CLIENT_COUNTS = args.clients!.split(",").map(Number);
const DURATION_MS = Number(args.duration) * 1000;
const RATE = Number(args.rate);
const ARTICLES = Number(args.articles);
const COLD_SAMPLES = Number(args["cold-samples"]);
const CLIENT_PROCESSES = args["client-processes"] === undefined ? undefined : Number(args["client-processes"]);
if (CLIENT_PROCESSES !== undefined && !(Number.isInteger(CLIENT_PROCESSES) && CLIENT_PROCESSES >= 1)) {
  throw new Error(`--client-processes wants a whole number ≥ 1, not ${args["client-processes"]}`);
}
/** Processes for N clients: as asked (never more than N), else 2 from 100 clients. */
const processesFor = (clients: number) => Math.min(clients, CLIENT_PROCESSES ?? (clients >= 100 ? 2 : 1));
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
const random = mulberry32(Number(args.seed));

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
  /** Processes the clients ran in; 1 is the bench's own. */
  processes: number;
  edits: number;
  deliveries: number;
  missing: number;
  /** Close codes and how often each occurred. */
  closes: Map<number, number>;
  latency: ReturnType<typeof summary>;
  acknowledgement: ReturnType<typeof summary>;
  /** CPU of the clients' processes while editing, summed, in cores (the bench process when they run in it). */
  clientCpu: number;
  /** The same for each client process. */
  clientCpus: number[];
  /** The bench process's own CPU while editing, when the clients run in workers. */
  benchCpu: number;
  rss: { before: number; peak: number; end: number };
  serverCpu: number;
  /** CPU milliseconds per edit until every delivery arrived: what the work costs, whatever the machine's load. */
  serverCpuPerEdit: number;
  clientCpuPerEdit: number;
  /** Event-loop delay p99 of each client process. */
  loopDelaysP99: number[];
  connectMs: number;
  load: string;
}

let nextMarker = 1;
const percent = (cores: number) => `${(cores * 100).toFixed(0)}%`;

/** Starts the run's client processes (or takes this one), measures, and ends them whatever happens. */
async function run(server: ServerProcess, documentName: string, tokens: string[], count: number): Promise<RunFigures> {
  const processes = processesFor(count);
  const where = processes === 1 ? "this process" : `${processes} worker processes`;
  log(`\n== ${count} clients in ${where}, ${RATE} edits/s for ${DURATION_MS / 1000} s (${load()})`);
  const ledger = new DeliveryLedger();
  const report = (r: GroupReport) => ledger.add(r);
  const groups: GroupHandle[] = [];
  try {
    if (processes === 1) groups.push(inProcessGroup(server.origin, documentName, report));
    else {
      const forked = await Promise.allSettled(Array.from({ length: processes }, () => forkGroup(server.origin, documentName, report)));
      for (const f of forked) if (f.status === "fulfilled") groups.push(f.value);
      for (const f of forked) if (f.status === "rejected") throw f.reason;
      const offsets = await Promise.all(groups.map((g) => g.clockOffset()));
      const signed = (n: number) => `${n < 0 ? "−" : "+"}${Math.abs(n).toFixed(3)}`;
      log(`client workers: pids ${groups.map((g) => g.pid).join(", ")}; their clock() minus this process's, over IPC: ${offsets.map((o) => `${signed(o.offset)} ms (round trip ${o.roundTrip.toFixed(2)} ms)`).join(", ")}`);
    }
    return await measure(server, tokens, count, groups, ledger, where);
  } finally {
    await Promise.all(groups.map((g) => g.close()));
  }
}

async function measure(server: ServerProcess, tokens: string[], count: number, groups: GroupHandle[], ledger: DeliveryLedger, where: string): Promise<RunFigures> {
  const rssBefore = rssOf(server.pid);
  const connectStart = performance.now();
  // Client i runs in group i mod K; the groups connect a batch's clients together, 10 at a time in all.
  const groupOf = (index: number) => groups[index % groups.length]!;
  for (let i = 0; i < count; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - i) }, (_, j) => i + j);
    await Promise.all(
      groups.map((group) => {
        const share = batch.filter((index) => groupOf(index) === group);
        return share.length ? group.connect(share.map((index) => ({ index, token: tokens[Math.floor(index / CONNECTIONS_PER_USER)]! }))) : undefined;
      }),
    );
  }
  const connectMs = performance.now() - connectStart;
  log(`connected and synced ${count} clients in ${ms(connectMs)} ms; server RSS ${mib(rssOf(server.pid))} (${mib(rssBefore)} before)`);

  const rss = sampleRss(server.pid);
  const cpuStart = cpuSecondsOf(server.pid);
  await Promise.all(groups.map((g) => g.start()));
  const clientCpuStart = groups.map((g) => g.cpuSeconds());
  const benchCpuStart = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; ; i++) {
    const due = start + (i * 1000) / RATE;
    if (due - start >= DURATION_MS) break;
    if (due > performance.now()) await sleep(due - performance.now());
    // The same draws in the same order as when every client lived here: client, article, sentence, place.
    const client = Math.floor(random() * count);
    const id = nextMarker++;
    ledger.issue(id, client);
    groupOf(client).edit({ id, client, article: random(), sentence: random(), position: random() });
  }
  const { peak, end } = rss.stop();
  const elapsed = (performance.now() - start) / 1000;
  const serverCpu = (cpuSecondsOf(server.pid) - cpuStart) / elapsed;
  const clientCpus = groups.map((g, k) => (g.cpuSeconds() - clientCpuStart[k]!) / elapsed);
  const benchCpuUsed = process.cpuUsage(benchCpuStart);
  const benchCpu = (benchCpuUsed.user + benchCpuUsed.system) / 1e6 / elapsed;
  const runLoad = load();
  for (const waitStart = performance.now(); ledger.missing(count) > 0 && performance.now() - waitStart < STRAGGLER_WAIT_MS; ) await sleep(100);
  const serverCpuTotal = cpuSecondsOf(server.pid) - cpuStart;
  const clientCpuTotal = groups.reduce((sum, g, k) => sum + g.cpuSeconds() - clientCpuStart[k]!, 0);
  const results: GroupResult[] = await Promise.all(groups.map((g) => g.stop())); // the last reports come before the replies
  const latencies = ledger.latencies();

  const figures: RunFigures = {
    clients: count,
    processes: groups.length,
    edits: ledger.edits,
    deliveries: latencies.length,
    missing: ledger.missing(count),
    closes: closeCounts(results.flatMap((r) => r.closes)),
    latency: summary(latencies),
    acknowledgement: summary(ledger.acknowledgements),
    clientCpu: clientCpus.reduce((a, b) => a + b, 0),
    clientCpus,
    benchCpu,
    rss: { before: rssBefore, peak, end },
    serverCpu,
    serverCpuPerEdit: (serverCpuTotal * 1000) / ledger.edits,
    clientCpuPerEdit: (clientCpuTotal * 1000) / ledger.edits,
    loopDelaysP99: results.map((r) => r.loopDelayP99),
    connectMs,
    load: runLoad,
  };
  const { latency, acknowledgement: ack } = figures;
  const closes = [...figures.closes].map(([code, n]) => `${n} × ${code}`).join(", ") || "none";
  const forked = groups.length > 1;
  log(`edit → other clients: p50 ${ms(latency.p50)} ms, p95 ${ms(latency.p95)} ms, max ${ms(latency.max)} ms over ${figures.deliveries} deliveries of ${figures.edits} edits; ${figures.missing} missing after ${STRAGGLER_WAIT_MS / 1000} s; connections closed: ${closes}`);
  log(`edit → acknowledged to its sender (stored and applied): p50 ${ms(ack.p50)} ms, p95 ${ms(ack.p95)} ms, max ${ms(ack.max)} ms`);
  log(
    `server: RSS peak ${mib(peak)}, ${mib(end)} at the end; CPU ${percent(serverCpu)} of a core. Clients (${where}): CPU ${percent(figures.clientCpu)} of a core` +
      (forked ? ` in all (${clientCpus.map(percent).join(" + ")})` : "") +
      `, event-loop delay p99 ${figures.loopDelaysP99.map(ms).join(", ")} ms` +
      (forked ? `; this process (scheduling edits, gathering reports) ${percent(benchCpu)}` : "") +
      ` (${runLoad})`,
  );
  log(`CPU per edit, until every delivery arrived (awareness renewals included): server ${ms(figures.serverCpuPerEdit)} ms, clients ${ms(figures.clientCpuPerEdit)} ms`);
  return figures;
}

function closeCounts(codes: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return counts;
}

const verdict = (value: number, target: number) => `${value <= target ? "met" : "not met"} (${ms(value)} ms ≤ ${target} ms)`;

async function main() {
  const given = process.argv.slice(2).join(" ");
  const script = process.env.npm_lifecycle_event;
  log(`command: ${script?.startsWith("bench") ? `npm run ${script}${given ? ` -- ${given}` : ""}` : `tsx bench/collab.ts ${given}`.trimEnd()}`);
  log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${os.type()} ${os.release()}; ${load()} at start`);
  log("note: client-side cost (decoding, applying, observing) is inside the latencies; clients run in this process beside the measurement, or with --client-processes K (default 2 from 100 clients) in K worker processes of their own");

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
    log("| clients | client processes | edits | deliveries | missing | p50 | p95 | max | ack p50 / p95 | server RSS peak / end | CPU server / clients | load average |");
    log("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (const r of runs) {
      log(`| ${r.clients} | ${r.processes} | ${r.edits} | ${r.deliveries} | ${r.missing} | ${ms(r.latency.p50)} ms | ${ms(r.latency.p95)} ms | ${ms(r.latency.max)} ms | ${ms(r.acknowledgement.p50)} / ${ms(r.acknowledgement.p95)} ms | ${mib(r.rss.peak)} / ${mib(r.rss.end)} | ${percent(r.serverCpu)} / ${percent(r.clientCpu)} | ${r.load.replace("load average ", "")} |`);
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
