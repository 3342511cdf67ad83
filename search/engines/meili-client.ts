import http from "node:http";
import https from "node:https";

// A minimal Meilisearch REST client: the engine needs a handful of calls, and the official
// SDK would be one more dependency to keep in step with the server. It uses node:http, not
// fetch: undici sends a request's headers and body in separate writes, and against
// Meilisearch that cost ~40 ms (a delayed ACK) on most calls; node:http sends one write.

export interface MeiliTask {
  taskUid?: number;
  uid?: number;
  status: "enqueued" | "processing" | "succeeded" | "failed" | "canceled";
  type?: string;
  error?: { message: string; code: string } | null;
}

export class MeiliError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const TASK_TIMEOUT_MS = 120_000;

export class MeiliClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly url: string,
    private readonly apiKey?: string,
  ) {
    this.agent = url.startsWith("https:") ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  }

  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(path, this.url);
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = { "Content-Type": "application/json", "Content-Length": data?.length ?? 0 };
    if (this.apiKey) headers.Authorization = `Bearer ${this.apiKey}`;
    const transport = url.protocol === "https:" ? https : http;
    return new Promise<T>((resolve, reject) => {
      const req = transport.request(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          try {
            const text = Buffer.concat(chunks).toString("utf8");
            const json = text ? JSON.parse(text) : undefined;
            if ((res.statusCode ?? 500) >= 400) reject(new MeiliError(`Meilisearch ${method} ${url.pathname}: ${json?.message ?? res.statusCode}`, json?.code));
            else resolve(json as T);
          } catch (error) {
            reject(error);
          }
        });
      });
      req.on("error", reject);
      req.end(data);
    });
  }

  /** Sends a write and waits until Meilisearch has applied it, so a following search sees it. */
  async write(method: string, path: string, body?: unknown): Promise<MeiliTask> {
    const task = await this.request<MeiliTask>(method, path, body);
    return this.waitForTask(task.taskUid!);
  }

  async waitForTask(uid: number): Promise<MeiliTask> {
    return (await this.waitForTasks([uid]))[0]!;
  }

  /** Waits until every task has succeeded (one request per poll); throws if any failed. */
  async waitForTasks(uids: number[]): Promise<MeiliTask[]> {
    if (!uids.length) return [];
    const started = Date.now();
    const query = `/tasks?uids=${uids.join(",")}&limit=${uids.length}`;
    // Polls often at first: a small batch takes ~25–120 ms here, and a search waits on it.
    for (let delay = 2; ; delay = Math.min(delay * 2, Date.now() - started < 2000 ? 10 : 100)) {
      const tasks = uids.length === 1 ? [await this.request<MeiliTask>("GET", `/tasks/${uids[0]}`)] : (await this.request<{ results: MeiliTask[] }>("GET", query)).results;
      const failed = tasks.find((t) => t.status === "failed" || t.status === "canceled");
      if (failed) {
        throw new MeiliError(`Meilisearch task ${failed.uid} (${failed.type}) ${failed.status}: ${failed.error?.message ?? ""}`, failed.error?.code);
      }
      if (tasks.length === uids.length && tasks.every((t) => t.status === "succeeded")) return tasks;
      const waiting = tasks.find((t) => t.status !== "succeeded");
      if (Date.now() - started > TASK_TIMEOUT_MS) throw new MeiliError(`Meilisearch task ${waiting?.uid ?? uids[0]} still ${waiting?.status ?? "unknown"} after ${TASK_TIMEOUT_MS} ms`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
