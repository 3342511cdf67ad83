import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface AppProcess {
  origin: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM, then removes the data directory unless it was handed in. */
  stop(): Promise<void>;
  /** kill -9: no shutdown hooks run; the data directory is kept. */
  crash(): Promise<void>;
}

export interface AppProcessOptions {
  /** Reuse this data directory (a restart after a crash); it is then never removed. */
  dataDir?: string;
  /** Serve on this port (a restart keeps the origin). */
  port?: number;
}

/**
 * Runs `npm start`'s entry point as a separate process, by default on a fresh embedded data
 * directory; pass DATABASE_URL in env for server Postgres.
 */
export async function startAppProcess(env: Record<string, string> = {}, options: AppProcessOptions = {}): Promise<AppProcess> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "kizuna-e2e-")));
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ["bin/start.js"], {
    env: { ...process.env, KIZUNA_DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start:\n${log}`)), 120_000);
    const check = () => {
      if (log.includes("Kizuna is running")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code}:\n${log}`));
    });
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    dataDir,
    child,
    output: () => log,
    async stop() {
      // A process killed by a signal has signalCode set and exitCode still null.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
    async crash() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}
