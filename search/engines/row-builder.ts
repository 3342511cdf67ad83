import { Worker } from "node:worker_threads";
import type { SearchDocument } from "../engine";
import { rowsJson } from "./postgres-rows";

// Builds batches of rows on one shared worker thread (row-worker.mjs), in the order asked.
// Without a worker (it failed to start or died) a batch is built here instead, so indexing
// never depends on it. The worker holds the process open only while it has work.

type Pending = { resolve: (json: string) => void; reject: (error: unknown) => void; docs: SearchDocument[] };

/** Builds the batch here: for a worker that is gone, or failed on it (the error, if real, recurs here). */
function buildHere(job: Pending): void {
  try {
    job.resolve(rowsJson(job.docs));
  } catch (error) {
    job.reject(error);
  }
}

let shared: RowWorker | null = null;

/** The rows of a batch as JSON, built off the main thread when the worker is there. */
export function buildRows(docs: SearchDocument[]): Promise<string> {
  shared ??= new RowWorker();
  return shared.build(docs);
}

/** Whether batches are being built on the worker (for tests and the benchmark's report). */
export function rowsBuiltOnWorker(): boolean {
  return shared?.alive ?? false;
}

class RowWorker {
  private worker: Worker | null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor() {
    try {
      this.worker = new Worker(new URL("./row-worker.mjs", import.meta.url));
      this.worker.unref();
      this.worker.on("message", (message: { id?: number; json?: string; error?: string }) => {
        if (message.id === undefined) return;
        const job = this.pending.get(message.id);
        if (!job) return;
        this.settle(message.id);
        if (message.json !== undefined) job.resolve(message.json);
        else buildHere(job);
      });
      this.worker.on("error", () => this.fail());
      this.worker.on("exit", () => this.fail());
    } catch {
      this.worker = null;
    }
  }

  get alive(): boolean {
    return this.worker !== null;
  }

  build(docs: SearchDocument[]): Promise<string> {
    if (!this.worker) return Promise.resolve(rowsJson(docs));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker!.ref();
      this.pending.set(id, { resolve, reject, docs });
      this.worker!.postMessage({ id, docs });
    });
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }

  /** The worker is gone: what it had is built here, and so is everything after. */
  private fail(): void {
    this.worker = null;
    for (const [id, job] of this.pending) {
      this.pending.delete(id);
      buildHere(job);
    }
  }
}
