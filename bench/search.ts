import os from "node:os";
import { parseArgs } from "node:util";
import type { SearchDocument, SearchResponse, SourceDocuments } from "../search/engine";
import { INDEX_BATCH } from "../search/indexer";
import { generateCorpus } from "./corpus";
import { naiveSearch } from "./naive";
import { BENCH_QUERIES, type BenchQuery } from "./queries";
import { openMeiliTarget, openPgliteTarget, openServerTarget, type BenchTarget, type Skipped } from "./targets";

// `npm run bench:search [-- --n 20000]`: indexes a synthetic Japanese corpus into every
// engine available here and prints indexing throughput, search latency (engine.search()
// end to end from Node) and the naive ILIKE baseline. It prints figures; nothing asserts
// on them, because timings depend on the machine.

const { values: args } = parseArgs({
  options: {
    n: { type: "string", default: "100000" },
    seed: { type: "string", default: "42" },
    runs: { type: "string", default: "5" },
    "naive-runs": { type: "string", default: "1" },
    batch: { type: "string", default: "5000" },
    engines: { type: "string", default: "pglite,postgres,meilisearch" },
  },
});
const N = Number(args.n);
const RUNS = Number(args.runs);
const NAIVE_RUNS = Number(args["naive-runs"]);
const BATCH = Number(args.batch);
const wanted = new Set(args.engines!.split(","));
/** Chunks re-indexed by source after the bulk load, in the outbox indexer's batches. */
const SOURCE_SAMPLE = 5000;
const SERVER_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

const log = (line = "") => console.log(line);
// Other work on the machine skews every figure: the load average is printed beside them.
const load = () => `load average ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}`;
const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1]! };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

interface EngineFigures {
  name: string;
  version: string;
  bulkRate: number;
  sourceRate: number;
  latency: ReturnType<typeof summary>;
  perQuery: Map<string, { p50: number; total: string }>;
  naive?: { latency: ReturnType<typeof summary>; perQuery: Map<string, { p50: number; total: number }> };
}

/** Indexes the corpus: bulk upserts of about BATCH chunks (whole records), then a sample of records edited and re-indexed by source as the outbox indexer does (replaceSources, INDEX_BATCH sources a call). */
async function index(target: BenchTarget, docs: SearchDocument[]) {
  // Whole sources only: an engine may store a record as one document (Meilisearch), and a
  // source cut short would lose chunks, so the searches that follow would run on another corpus.
  const all = new Map<string, SourceDocuments>();
  for (const doc of docs) {
    const key = `${doc.sourceType}:${doc.sourceId}`;
    if (!all.has(key)) all.set(key, { sourceType: doc.sourceType, sourceId: doc.sourceId, docs: [] });
    all.get(key)!.docs.push(doc);
  }
  const batches: SearchDocument[][] = [[]];
  for (const source of all.values()) {
    if (batches[batches.length - 1]!.length >= BATCH) batches.push([]);
    batches[batches.length - 1]!.push(...source.docs);
  }
  await target.engine.clear();
  const [bulkMs] = await timed(async () => {
    for (const batch of batches) await target.engine.upsert(batch);
  });
  const count = await target.engine.count();
  if (count !== docs.length) throw new Error(`${target.name} holds ${count} chunks, expected ${docs.length}`);
  // A new version of each sampled record, as an edit would make: unchanged documents cost
  // Meilisearch next to nothing (it compares them), which is not what the outbox hands it.
  const sources: SourceDocuments[] = [];
  for (let n = 0, it = all.values(); n < SOURCE_SAMPLE; ) {
    const next = it.next();
    if (next.done) break;
    sources.push({ ...next.value, docs: next.value.docs.map((doc) => ({ ...doc, text: `${doc.text}（改訂）` })) });
    n += next.value.docs.length;
  }
  const [sourceMs] = await timed(async () => {
    for (let i = 0; i < sources.length; i += INDEX_BATCH) await target.engine.replaceSources(sources.slice(i, i + INDEX_BATCH));
  });
  const sampled = sources.reduce((n, s) => n + s.docs.length, 0);
  return { bulkRate: docs.length / (bulkMs / 1000), sourceRate: sampled / (sourceMs / 1000), sources: sources.length, sampled };
}

const totalLabel = (r: SearchResponse) => `${r.total}${r.totalIsLowerBound ? "+" : ""}`;

async function measure(target: BenchTarget, queries: BenchQuery[]) {
  for (const query of queries) await target.engine.search(query.request); // warm-up
  const samples: number[] = [];
  const byQuery = new Map<string, number[]>();
  const totals = new Map<string, string>();
  for (let run = 0; run < RUNS; run++) {
    for (const query of queries) {
      const [took, response] = await timed(() => target.engine.search(query.request));
      samples.push(took);
      byQuery.set(query.label, [...(byQuery.get(query.label) ?? []), took]);
      totals.set(query.label, totalLabel(response));
    }
  }
  const perQuery = new Map([...byQuery].map(([label, s]) => [label, { p50: summary(s).p50, total: totals.get(label)! }]));
  return { latency: summary(samples), perQuery };
}

/** Every naive query reads the whole table, so one warm-up query warms the cache for all of them. */
async function measureNaive(target: BenchTarget, queries: BenchQuery[]) {
  const samples: number[] = [];
  const perQuery = new Map<string, { p50: number; total: number }>();
  await naiveSearch(target.db!, queries[0]!);
  for (const query of queries) {
    const own: number[] = [];
    let total = 0;
    for (let run = 0; run < NAIVE_RUNS; run++) {
      const [took, answer] = await timed(() => naiveSearch(target.db!, query));
      own.push(took);
      total = answer.total;
    }
    samples.push(...own);
    perQuery.set(query.label, { p50: summary(own).p50, total });
  }
  return { latency: summary(samples), perQuery };
}

async function run(target: BenchTarget, docs: SearchDocument[]): Promise<EngineFigures> {
  // Ctrl-C (or a kill) still drops the run's database and temporary directories.
  const interrupted = () => void target.close().finally(() => process.exit(130));
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    log(`\n== ${target.name} (${target.version})`);
    const rates = await index(target, docs);
    log(`indexing (${load()}): ${Math.round(rates.bulkRate)} chunks/s bulk (upsert × ${BATCH}); ${Math.round(rates.sourceRate)} chunks/s by source (replaceSources × ${INDEX_BATCH} sources, as the outbox indexer; ${rates.sources} sources, ${rates.sampled} chunks)`);
    const { latency, perQuery } = await measure(target, BENCH_QUERIES);
    log(`search: p50 ${ms(latency.p50)} ms, p95 ${ms(latency.p95)} ms, max ${ms(latency.max)} ms (${BENCH_QUERIES.length} queries × ${RUNS} runs after a warm-up; ${load()})`);
    const figures: EngineFigures = { name: target.name, version: target.version, bulkRate: rates.bulkRate, sourceRate: rates.sourceRate, latency, perQuery };
    if (target.db && NAIVE_RUNS > 0) {
      figures.naive = await measureNaive(target, BENCH_QUERIES);
      const n = figures.naive.latency;
      log(`naive ILIKE: p50 ${ms(n.p50)} ms, p95 ${ms(n.p95)} ms, max ${ms(n.max)} ms; naive/engine p50 ×${(n.p50 / latency.p50).toFixed(1)}, p95 ×${(n.p95 / latency.p95).toFixed(1)}`);
    }
    return figures;
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    await target.close();
  }
}

function printPerQuery(results: EngineFigures[]) {
  log("\nper query: engine p50 ms (total; + = lower bound) | naive p50 ms (total)");
  for (const { label } of BENCH_QUERIES) {
    const cells = results.map((r) => {
      const e = r.perQuery.get(label)!;
      const n = r.naive?.perQuery.get(label);
      return `${r.name} ${ms(e.p50)} (${e.total})${n ? ` | ${ms(n.p50)} (${n.total})` : ""}`;
    });
    log(`  ${label.padEnd(34)} ${cells.join("   ")}`);
  }
}

async function main() {
  const given = process.argv.slice(2).join(" ");
  const script = process.env.npm_lifecycle_event;
  log(`command: ${script ? `npm run ${script}${given ? ` -- ${given}` : ""}` : `tsx bench/search.ts ${given}`.trimEnd()}`);
  log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${os.type()} ${os.release()}; ${load()} at start`);
  const [genMs, docs] = await timed(async () => [...generateCorpus({ chunks: N, seed: Number(args.seed) })]);
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  log(`corpus: ${docs.length} chunks, ${new Set(docs.map((d) => d.recordId)).size} records, ${(chars / docs.length).toFixed(0)} characters per chunk on average, seed ${args.seed} (generated in ${ms(genMs)} ms)`);

  const results: EngineFigures[] = [];
  const skipped: string[] = [];
  const targets: [string, () => Promise<BenchTarget | Skipped>][] = [
    ["pglite", openPgliteTarget],
    ["postgres", () => openServerTarget(SERVER_URL)],
    ["meilisearch", openMeiliTarget],
  ];
  for (const [name, open] of targets) {
    if (!wanted.has(name)) continue;
    const target = await open();
    if ("skipped" in target) {
      skipped.push(`${name}: skipped (${target.skipped})`);
      log(`\n${name}: skipped (${target.skipped})`);
      continue;
    }
    results.push(await run(target, docs));
  }

  printPerQuery(results);
  log("\nsummary");
  for (const r of results) {
    const naive = r.naive ? `; naive p50 ${ms(r.naive.latency.p50)} / p95 ${ms(r.naive.latency.p95)} ms = ×${(r.naive.latency.p50 / r.latency.p50).toFixed(0)} / ×${(r.naive.latency.p95 / r.latency.p95).toFixed(0)} the engine` : "";
    log(`  ${r.name.padEnd(12)} p50 ${ms(r.latency.p50)} ms, p95 ${ms(r.latency.p95)} ms, max ${ms(r.latency.max)} ms; indexing ${Math.round(r.bulkRate)} chunks/s bulk, ${Math.round(r.sourceRate)} by source${naive}`);
  }
  for (const line of skipped) log(`  ${line}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
