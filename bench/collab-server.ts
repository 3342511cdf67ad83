import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

// The server under measurement, in a process of its own so that its memory is its own: the
// app as `npm start` runs it, on a throwaway data directory or a throwaway Postgres database,
// and the CLI beside it as a user would run it.

const ROOT = path.resolve(import.meta.dirname, "..");
/** What bin/start.js compares with the build to decide whether to rebuild (kept in step by hand). */
const BUILD_SOURCES = ["app", "auth", "db", "lib", "ordinance", "search", "seeds"];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = (server.address() as net.AddressInfo);
      server.close(() => resolve(port));
    });
  });
}

function newestSource(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether bin/start.js would rebuild the Remix app first (sources edited since the last build). */
export function buildIsStale(): boolean {
  const built = path.join(ROOT, "build", "index.js");
  if (!existsSync(built)) return true;
  const sources = Math.max(...BUILD_SOURCES.map((d) => newestSource(path.join(ROOT, d))), statSync(path.join(ROOT, "remix.config.js")).mtimeMs);
  return sources > statSync(built).mtimeMs;
}

export interface ServerProcess {
  origin: string;
  pid: number;
  /** The environment the CLI needs to reach the same data. */
  env: Record<string, string>;
  /** How the process was started, for the printout. */
  entry: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts bin/start.js. When the build is stale it would rebuild the app, which this benchmark
 * must not do on a shared tree, so it then runs server/main.ts through tsx as bin/start.js
 * does after its build step. With no build at all (a fresh checkout) there is nothing to
 * disturb, and nothing to serve either, so it builds first.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  if (!existsSync(path.join(ROOT, "build", "index.js"))) {
    const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
    if (build.status !== 0) throw new Error("the Remix build failed: see its output above");
  }
  const stale = buildIsStale();
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (NODE_OPTIONS refuses --cpu-prof).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const args = [...nodeArgs, ...(stale ? ["--import", "tsx", "server/main.ts"] : ["bin/start.js"])];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 180 s:\n${log}`)), 180_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${log}`));
    };
    child.once("exit", onExit);
    child.stderr!.on("data", function ready() {
      if (!log.includes("Kizuna is running")) return;
      clearTimeout(timer);
      child.off("exit", onExit);
      child.stderr!.off("data", ready);
      resolve();
    });
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    env,
    entry: stale ? "node --import tsx server/main.ts (build older than its sources: bin/start.js would rebuild it)" : "node bin/start.js",
    output: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Runs `kizuna <args> --json` in its own process and returns what it printed. */
export function runCli<T>(args: string[], env: Record<string, string>): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/kizuna.js", ...args, "--json"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as T);
      else reject(new Error(`kizuna ${args.join(" ")} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

/** The server refuses a user's 21st connection (collab-server/extensions/limits.ts). */
export const CONNECTIONS_PER_USER = 20;

/** Runs tasks a few at a time: each CLI call is a Node process of its own. */
async function inParallel<T>(tasks: (() => Promise<T>)[], width = 4): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < tasks.length; i += width) results.push(...(await Promise.all(tasks.slice(i, i + width).map((task) => task()))));
  return results;
}

/** Tokens of enough PT users for the largest run: pt1 and pt2 from the seeds, then bench users. */
export async function ptTokens(server: ServerProcess, clients: number): Promise<string[]> {
  const logins = Array.from({ length: Math.ceil(clients / CONNECTIONS_PER_USER) }, (_, i) => (i < 2 ? `pt${i + 1}` : `bench-pt${i + 1}`));
  await inParallel(logins.slice(2).map((login) => () => runCli(["user", "add", login, "--role", "pt"], server.env)));
  const tokens = await inParallel(logins.map((login) => () => runCli<{ token: string }>(["token", login, "--ttl", "240"], server.env)));
  return tokens.map((t) => t.token);
}

/** Where the server keeps its data for this run, and how to remove it afterwards. */
export interface DataPlace {
  env: Record<string, string>;
  description: string;
  remove(): Promise<void>;
}

export async function embeddedDataPlace(): Promise<DataPlace> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kizuna-bench-collab-"));
  return {
    env: { KIZUNA_DATA_DIR: dataDir },
    description: `embedded PGlite in ${dataDir}`,
    remove: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** A database of its own on a Postgres server, dropped at the end. */
export async function serverDataPlace(serverUrl: string): Promise<DataPlace> {
  const name = `kizuna_bench_collab_${Date.now().toString(36)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kizuna-bench-collab-"));
  return {
    env: { DATABASE_URL: url.toString(), KIZUNA_DATA_DIR: dataDir },
    description: `server Postgres, database ${name} at ${url.host}`,
    async remove() {
      const cleaner = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleaner.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleaner.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident set size of a process, in bytes (Linux). */
export function rssOf(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : 0;
}

/** Seconds of CPU a process has used (user + system), from /proc; clock ticks are 1/100 s on Linux. */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Samples a process's RSS every interval until stopped: the peak and the last sample. */
export function sampleRss(pid: number, intervalMs = 250) {
  let peak = rssOf(pid);
  let last = peak;
  const timer = setInterval(() => {
    last = rssOf(pid);
    peak = Math.max(peak, last);
  }, intervalMs);
  return {
    stop(): { peak: number; end: number } {
      clearInterval(timer);
      last = rssOf(pid);
      return { peak: Math.max(peak, last), end: last };
    },
  };
}
