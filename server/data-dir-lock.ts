import { mkdir, open, readFile, rm } from "node:fs/promises";
import path from "node:path";

// Embedded PGlite must be opened by one process at a time. The process that holds the data
// directory leaves this file, naming itself and (for the server) its control socket, so
// that the CLI can hand its work to the running server instead of opening the files twice.

export interface LockInfo {
  pid: number;
  /** Unix socket of the running server's control endpoint; absent for a CLI run. */
  control?: string;
  startedAt: string;
}

const LOCK_FILE = "kizuna.lock";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live holder of the data directory, or undefined when it is free (stale locks ignored). */
export async function readLock(dataDir: string): Promise<LockInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), "utf8")) as LockInfo;
    return info.pid !== process.pid && isAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

export interface HeldLock {
  release(): Promise<void>;
}

/** Takes the data directory or returns the live holder's info. */
export async function acquireLock(dataDir: string, control?: string): Promise<HeldLock | LockInfo> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, control, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(JSON.stringify(info));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = await readLock(dataDir);
      if (holder) return holder;
      await rm(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

export function isHeldLock(value: HeldLock | LockInfo): value is HeldLock {
  return "release" in value;
}
