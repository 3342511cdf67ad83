import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, statfs, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "../../db/pglite";
import { freePort } from "../support/app-process";
import { checkImports, confirmForm, importFile, newImportLedger } from "./imports-versions";
import { CrashableApp, Session, type FaultSetup } from "./support";

// A data directory the app cannot write: read-only, under a file, or on a full disk. The
// app must stop before serving, say in Japanese what is wrong and what to do (no stack
// trace), and leave an existing data directory exactly as it was. A disk that fills while
// the app runs fails that write only; the app goes on once there is room again.
//
// Root ignores permission bits, so as root a read-only bind mount stands in for chmod 0555,
// and a small tmpfs for a full disk; where mounting is not allowed those cases are skipped.

const isRoot = process.getuid?.() === 0;
const scratch = await mkdtemp(path.join(os.tmpdir(), "kizuna-fault-dir-"));
const mounts: string[] = [];

function mount(args: string[]): string | null {
  const result = spawnSync("mount", args, { encoding: "utf8" });
  return result.status === 0 ? null : (result.stderr || result.error?.message || `mount exited with ${result.status}`).trim();
}

/** A tmpfs of this size, or the reason there can be none. */
async function smallDisk(sizeMb: number): Promise<{ dir: string } | { reason: string }> {
  if (!isRoot) return { reason: "not root: no tmpfs can be mounted" };
  const dir = path.join(scratch, `disk-${randomUUID().slice(0, 8)}`);
  await mkdir(dir);
  const failed = mount(["-t", "tmpfs", "-o", `size=${sizeMb}M`, "tmpfs", dir]);
  if (failed) return { reason: `mount -t tmpfs failed: ${failed}` };
  mounts.push(dir);
  return { dir };
}

const probe = await smallDisk(1);
const tmpfsUnavailable = "reason" in probe ? probe.reason : null;
if (tmpfsUnavailable) console.log(`[fault] full-disk cases skipped: ${tmpfsUnavailable}`);

afterAll(async () => {
  for (const dir of mounts.reverse()) spawnSync("umount", ["-l", dir]);
  await rm(scratch, { recursive: true, force: true });
});

/** Runs `npm start`'s entry point until it exits (it must not start serving). */
async function startExpectingExit(env: Record<string, string>, timeoutMs = 120_000): Promise<{ code: number | null; stderr: string; served: boolean }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["bin/start.js"], {
    env: { ...process.env, DATABASE_URL: "", PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let stderr = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => ((stderr += d), (output += d)));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const served = () => {
    if (output.includes("Kizuna is running")) child.kill("SIGKILL");
  };
  child.stdout.on("data", served);
  child.stderr.on("data", served);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearTimeout(timer);
  return { code, stderr, served: output.includes("Kizuna is running") };
}

/** A plain, actionable message: the reason in Japanese, the directory named, no stack trace. */
function expectClearRefusal(result: { code: number | null; stderr: string; served: boolean }, dataDir: string, reason: RegExp) {
  expect(result.served, result.stderr).toBe(false);
  expect(result.code, result.stderr).not.toBe(0);
  expect(result.stderr).toMatch(reason);
  expect(result.stderr).toContain(dataDir);
  expect(result.stderr).toMatch(/KIZUNA_DATA_DIR|空きを作って/);
  expect(result.stderr, "a stack trace instead of a message").not.toMatch(/(\n|\\n)\s+at .+:\d+:\d+/); // raw, or inside a JSON log line
}

/** Every file under dir with its digest, to show nothing was written. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, file)] = createHash("sha256").update(await readFile(file)).digest("hex");
  }
  return result;
}

describe("an unwritable or full data directory", () => {
  /** A data directory that has held a running app, from the full-disk case when it ran. */
  let existingDataDir: string | undefined;

  it("refuses a data directory whose path runs into a file, saying so in Japanese", async () => {
    const file = path.join(scratch, "not-a-directory");
    await writeFile(file, "");
    const dataDir = path.join(file, "data");
    const result = await startExpectingExit({ KIZUNA_DATA_DIR: dataDir });
    expectClearRefusal(result, dataDir, /ディレクトリを作れません|ディレクトリではなくファイル/);
  });

  it.skipIf(tmpfsUnavailable)(
    "stops with a clear message on a full disk, starts once there is room, and survives the disk filling up while it runs",
    async () => {
      const disk = await smallDisk(4);
      if ("reason" in disk) throw new Error(disk.reason);
      const dataDir = path.join(disk.dir, "data");

      // First start on a disk too small for the database.
      const full = await startExpectingExit({ KIZUNA_DATA_DIR: dataDir });
      expectClearRefusal(full, dataDir, /ディスクに空きがありません/);

      // Room made: the half-created directory is no obstacle.
      expect(mount(["-o", "remount,size=72M", disk.dir])).toBeNull();
      const setup: FaultSetup = { dataDir, env: {}, open: () => openPglite(path.join(dataDir, "pgdata")), drop: async () => {} };
      const app = await CrashableApp.start(setup);
      try {
        const staff = await Session.logIn(app.origin, "staff1");
        const ledger = newImportLedger();

        // The disk fills up while the app runs: the import fails, nothing else does.
        const { bavail, bsize } = await statfs(disk.dir);
        const filler = path.join(disk.dir, "filler");
        await writeFile(filler, Buffer.alloc(Math.max(0, Number(bavail) * Number(bsize) - 1024 * 1024)));
        const batch = randomUUID();
        const big = new FormData();
        big.set("batch", batch);
        // Random text, so that Postgres cannot compress it into the room that is left.
        big.set("files", new Blob([randomBytes(1536 * 1024).toString("base64")], { type: "text/plain" }), "too-big.txt");
        const refused = await staff.post("/api/import", big);
        // The person is told why in Japanese, by the form that sent it.
        expect(refused.status).toBe(507);
        expect(((await refused.json()) as { error: string }).error).toMatch(/ディスクに空きがありません.*保存していません/);
        expect((await staff.get("/knowledge")).status, "the app still serves reads").toBe(200);

        // Room again: the next import goes through, with no restart.
        await rm(filler);
        const file = importFile(90, 0);
        const form = new FormData();
        form.set("batch", batch);
        form.set("files", new Blob([file.bytes]), file.fileName);
        const uploaded = await staff.post("/api/import", form);
        expect(uploaded.status).toBe(200);
        const [item] = ((await uploaded.json()) as { items: { id: number; status: string }[] }).items;
        expect(item!.status).toBe("ready");
        ledger.uploaded.set(item!.id, { ...file, batch });
        expect((await staff.post("/knowledge/import", confirmForm(batch, item!.id, file.title))).status).toBe(302);
        ledger.confirmed.add(item!.id);

        await app.crash();
        const db = await setup.open();
        try {
          const check = await checkImports(db, ledger);
          expect(check.violations).toEqual({});
          expect([...check.lostUploads, ...check.lostRecords]).toEqual([]);
          expect(await db.query("SELECT id FROM import_items WHERE file_name = 'too-big.txt'"), "the failed import left nothing").toEqual([]);
        } finally {
          await db.close();
        }
        existingDataDir = dataDir;
      } finally {
        await app.stop();
      }
    },
  );

  it("refuses a read-only data directory and leaves what is in it exactly as it was", async () => {
    let dataDir = existingDataDir;
    if (!dataDir) {
      // Without the full-disk case a stand-in will do: the check is that nothing is written.
      dataDir = path.join(scratch, "existing");
      await mkdir(path.join(dataDir, "pgdata"), { recursive: true });
      await writeFile(path.join(dataDir, "pgdata", "PG_VERSION"), "17\n");
    }
    let readOnly: string;
    if (isRoot) {
      readOnly = path.join(scratch, "read-only");
      await mkdir(readOnly);
      const failed = mount(["--bind", dataDir, readOnly]);
      if (!failed) mounts.push(readOnly);
      const stillWritable = failed ?? mount(["-o", "remount,bind,ro", readOnly]);
      if (stillWritable) {
        console.log(`[fault] read-only data directory case skipped: running as root, and ${stillWritable}`);
        return;
      }
    } else {
      readOnly = dataDir;
      spawnSync("chmod", ["-R", "a-w", dataDir]);
    }
    const before = await fingerprint(readOnly);
    try {
      const result = await startExpectingExit({ KIZUNA_DATA_DIR: readOnly });
      expectClearRefusal(result, readOnly, /書き込めません|書き込む権限がありません/);
    } finally {
      if (!isRoot) spawnSync("chmod", ["-R", "u+w", dataDir]);
    }
    expect(await fingerprint(readOnly)).toEqual(before);
    if (existingDataDir) {
      // And the database in it still opens, with what it held.
      const db = await openPglite(path.join(existingDataDir, "pgdata"));
      try {
        const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM records WHERE source_file_id IS NOT NULL");
        expect(row!.n).toBe(1);
      } finally {
        await db.close();
      }
    }
  });
});
