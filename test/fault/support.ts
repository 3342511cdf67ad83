import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Database } from "../../db/database";
import { openPglite } from "../../db/pglite";
import { openPostgres } from "../../db/postgres";
import { freePort, startAppProcess, type AppProcess } from "../support/app-process";
import { createServerDatabase, serverUrl } from "../support/db";

// What the fault suites share: the two databases an app process can run on, an app that can
// be killed and started again on the same data, and a browser-like HTTP session.

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FaultTarget {
  name: string;
  /** Server Postgres can be read while the app runs; embedded PGlite only once it is down. */
  readableWhileRunning: boolean;
  /** A data directory (and, for server Postgres, a new database) for one app. */
  prepare(): Promise<FaultSetup>;
}

export interface FaultSetup {
  dataDir: string;
  env: Record<string, string>;
  /** Opens the app's database from the test process. On PGlite the app must not be running. */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

const embedded: FaultTarget = {
  name: "embedded PGlite",
  readableWhileRunning: false,
  async prepare() {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "kizuna-fault-"));
    return {
      dataDir,
      env: {},
      open: () => openPglite(path.join(dataDir, "pgdata")),
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
};

const serverPostgres: FaultTarget = {
  name: "server Postgres",
  readableWhileRunning: true,
  async prepare() {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "kizuna-fault-"));
    const database = await createServerDatabase();
    return {
      dataDir,
      env: { DATABASE_URL: database.url },
      open: () => openPostgres(database.url, { max: 2 }),
      async drop() {
        await database.drop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
};

export const faultTargets: FaultTarget[] = serverUrl ? [embedded, serverPostgres] : [embedded];

/** Runs fn on the target's database, opened from the test process and closed afterwards. */
export async function withDatabase<T>(setup: FaultSetup, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await setup.open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** An app process that is killed with -9 and started again on the same data and port. */
export class CrashableApp {
  private constructor(
    private readonly setup: FaultSetup,
    private readonly port: number,
    public process: AppProcess,
  ) {}

  static async start(setup: FaultSetup, env: Record<string, string> = {}): Promise<CrashableApp> {
    const port = await freePort();
    const process = await startAppProcess({ ...setup.env, ...env }, { dataDir: setup.dataDir, port });
    return new CrashableApp(setup, port, process);
  }

  get origin(): string {
    return this.process.origin;
  }

  get running(): boolean {
    return this.process.child.exitCode === null && this.process.child.signalCode === null;
  }

  crash(): Promise<void> {
    return this.process.crash();
  }

  /** Starts again after a crash; throws (with the app's output) if it needs any repair first. */
  async restart(env: Record<string, string> = {}): Promise<void> {
    this.process = await startAppProcess({ ...this.setup.env, ...env }, { dataDir: this.setup.dataDir, port: this.port });
  }

  async stop(): Promise<void> {
    if (this.running) await this.process.stop();
  }
}

/** A logged-in browser as far as the server can tell: a session cookie and the page's Origin. */
export class Session {
  private constructor(
    readonly origin: string,
    readonly cookie: string,
  ) {}

  static async logIn(origin: string, login: string): Promise<Session> {
    const res = await fetch(`${origin}/login`, {
      method: "POST",
      body: new URLSearchParams({ login, password: `kizuna-${login}`, next: "/" }),
      headers: { origin },
      redirect: "manual",
    });
    const cookie = res.headers.get("set-cookie")?.split(";")[0];
    if (res.status !== 302 || !cookie) throw new Error(`login as ${login} failed: ${res.status}`);
    return new Session(origin, cookie);
  }

  /** The session secret, which the collaboration server also takes as a token. */
  get token(): string {
    return decodeURIComponent(this.cookie.split("=").slice(1).join("="));
  }

  get(pathname: string): Promise<Response> {
    return fetch(this.origin + pathname, { headers: { cookie: this.cookie }, redirect: "manual" });
  }

  post(pathname: string, body: URLSearchParams | FormData): Promise<Response> {
    return fetch(this.origin + pathname, { method: "POST", body, headers: { cookie: this.cookie, origin: this.origin }, redirect: "manual" });
  }
}

/** Retries until fn stops throwing (a server getting its database back), then returns its value. */
export async function eventually<T>(fn: () => Promise<T>, timeoutMs = 15_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(everyMs);
    }
  }
}
