import { fork } from "node:child_process";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { PROSEMIRROR_FRAGMENT } from "../collab-server/protocol";
import { articleTexts, clock, connectClient, marker, markersInserted, type BenchClient, type GroupReport } from "./collab-clients";
import { cpuSecondsOf } from "./collab-server";

// A group of headless editors in one process: the bench's own (--client-processes 1, as the
// bench always ran) or a worker process of its own (bench/collab-worker.ts), so that the
// clients' decoding, applying and GC have their own event loops and cores. The bench drives
// every group through the same handle and gathers what they report in one DeliveryLedger.

/** An edit the bench asks for: the random draws pick the article, sentence and place, as before. */
export interface EditRequest {
  id: number;
  client: number;
  article: number;
  sentence: number;
  position: number;
}

export interface GroupResult {
  /** Codes of every close of the group's connections. */
  closes: number[];
  /** Event-loop delay p99 of the group's process while measuring, in ms. */
  loopDelayP99: number;
}

const FLUSH_MS = 100;

/** The clients of one process, where their edits are made and their arrivals timed. */
export class ClientGroup {
  private readonly clients = new Map<number, BenchClient>();
  /** Send times of each client's edits the server has not yet acknowledged. */
  private readonly unacknowledged = new Map<number, number[]>();
  private sends: number[] = [];
  private arrivals: number[] = [];
  private acks: number[] = [];
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  private flushTimer?: NodeJS.Timeout;

  constructor(
    private readonly origin: string,
    private readonly documentName: string,
    private readonly report: (report: GroupReport) => void,
  ) {}

  async connect(clients: { index: number; token: string }[]): Promise<void> {
    const connected = await Promise.all(clients.map(({ index, token }) => connectClient(this.origin, this.documentName, token, index)));
    for (const client of connected) {
      client.articles = articleTexts(client.doc);
      this.watch(client);
      this.clients.set(client.index, client);
    }
  }

  /**
   * Every remote change to a client's draft: markers in inserted text are arrivals. And the
   * provider's count of unacknowledged changes: back at 0, every edit sent is stored.
   */
  private watch(client: BenchClient): void {
    const waiting: number[] = [];
    this.unacknowledged.set(client.index, waiting);
    client.provider.on("unsyncedChanges", ({ number }: { number: number }) => {
      if (number !== 0) return;
      const now = clock();
      for (const at of waiting.splice(0)) this.acks.push(now - at);
    });
    client.doc.getXmlFragment(PROSEMIRROR_FRAGMENT).observeDeep((events, transaction) => {
      if (transaction.local) return;
      const now = clock();
      for (const id of markersInserted(events)) this.arrivals.push(id, client.index, now);
    });
  }

  start(): void {
    this.loopDelay.reset();
    this.loopDelay.enable();
    this.flushTimer = setInterval(() => this.flush(), FLUSH_MS);
  }

  edit({ id, client: index, article, sentence, position }: EditRequest): void {
    const client = this.clients.get(index)!;
    const texts = client.articles[Math.floor(article * client.articles.length)]!;
    const text = texts[Math.floor(sentence * texts.length)]!;
    const at = clock();
    this.sends.push(id, index, at);
    this.unacknowledged.get(index)!.push(at);
    text.insert(Math.floor(position * (text.length + 1)), marker(id));
  }

  private flush(): void {
    if (!this.sends.length && !this.arrivals.length && !this.acks.length) return;
    this.report({ sends: Float64Array.from(this.sends), arrivals: Float64Array.from(this.arrivals), acks: Float64Array.from(this.acks) });
    this.sends = [];
    this.arrivals = [];
    this.acks = [];
  }

  /** Reports what is left, then closes every connection. */
  stop(): GroupResult {
    clearInterval(this.flushTimer);
    this.loopDelay.disable();
    this.flush();
    const clients = [...this.clients.values()];
    for (const client of clients) client.destroy();
    this.clients.clear();
    return { closes: clients.flatMap((c) => c.closes), loopDelayP99: this.loopDelay.percentile(99) / 1e6 };
  }
}

/** How the bench drives a group, wherever it runs. */
export interface GroupHandle {
  readonly pid: number;
  readonly forked: boolean;
  connect(clients: { index: number; token: string }[]): Promise<void>;
  start(): Promise<void>;
  edit(request: EditRequest): void;
  stop(): Promise<GroupResult>;
  /** CPU seconds its process has used (user + system). */
  cpuSeconds(): number;
  /** Its clock() minus the bench's, estimated over the fastest of a few IPC round trips. */
  clockOffset(): Promise<{ offset: number; roundTrip: number }>;
  close(): Promise<void>;
}

export function inProcessGroup(origin: string, documentName: string, report: (report: GroupReport) => void): GroupHandle {
  const group = new ClientGroup(origin, documentName, report);
  return {
    pid: process.pid,
    forked: false,
    connect: (clients) => group.connect(clients),
    start: async () => group.start(),
    edit: (request) => group.edit(request),
    stop: async () => group.stop(),
    cpuSeconds() {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1e6;
    },
    clockOffset: async () => ({ offset: 0, roundTrip: 0 }),
    close: async () => {},
  };
}

/** Messages between the bench and a worker; `seq` pairs a request with its reply. */
export type WorkerRequest =
  | { type: "edit"; request: EditRequest }
  | { type: "connect" | "start" | "stop" | "ping"; seq: number; clients?: { index: number; token: string }[] };
export type WorkerMessage =
  | ({ type: "report" } & GroupReport)
  | { type: "reply"; seq: number; result?: unknown; error?: string };

const WORKER = path.join(import.meta.dirname, "collab-worker.ts");

/**
 * Forks a worker the way collab-server.ts starts the server: node with tsx's loader, from the
 * repository root. Structured-clone IPC ("advanced") carries the reports' Float64Arrays as they are.
 */
export async function forkGroup(origin: string, documentName: string, report: (report: GroupReport) => void): Promise<GroupHandle> {
  // BENCH_CLIENT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the workers, as BENCH_SERVER_NODE_ARGS the server.
  const nodeArgs = (process.env.BENCH_CLIENT_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child = fork(WORKER, [origin, documentName], {
    cwd: path.resolve(import.meta.dirname, ".."),
    // A worker holds a hundred drafts' Y.Docs, a browser tab one: with V8's default young
    // generation the garbage of every update is scavenged against that heap many times a
    // second. 64 MiB semi-spaces cut the workers' CPU per edit by about a fifth.
    execArgv: ["--max-semi-space-size=64", ...nodeArgs, "--import", "tsx"],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();
  let seq = 0;
  let closing = false;
  child.on("message", (message: WorkerMessage) => {
    if (message.type === "report") return report(message);
    const request = pending.get(message.seq);
    pending.delete(message.seq);
    if (message.error !== undefined) request?.reject(new Error(`client worker ${child.pid}: ${message.error}`));
    else request?.resolve(message.result);
  });
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      const error = new Error(`client worker ${child.pid} exited with ${code ?? signal}`);
      if (!closing) console.error(error.message);
      for (const request of pending.values()) request.reject(error);
      pending.clear();
      resolve();
    }),
  );
  const ask = <T>(type: "connect" | "start" | "stop" | "ping", clients?: { index: number; token: string }[]) =>
    new Promise<T>((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`client worker ${child.pid} is gone`));
      pending.set(++seq, { resolve: resolve as (result: unknown) => void, reject });
      child.send({ type, seq, clients } satisfies WorkerRequest);
    });
  await new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", reject);
  });
  await ask("ping"); // the worker has loaded its modules and listens
  return {
    pid: child.pid!,
    forked: true,
    connect: (clients) => ask("connect", clients),
    start: () => ask("start"),
    edit: (request) => void child.send({ type: "edit", request } satisfies WorkerRequest),
    stop: () => ask<GroupResult>("stop"),
    cpuSeconds: () => cpuSecondsOf(child.pid!),
    async clockOffset() {
      let best = { offset: 0, roundTrip: Infinity };
      for (let i = 0; i < 10; i++) {
        const before = clock();
        const theirs = await ask<number>("ping");
        const after = clock();
        if (after - before < best.roundTrip) best = { offset: theirs - (before + after) / 2, roundTrip: after - before };
      }
      return best;
    },
    async close() {
      closing = true;
      if (child.connected) child.disconnect(); // the worker exits when its channel closes
      await exited;
    },
  };
}
