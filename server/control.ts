import { createHash } from "node:crypto";
import { chmod, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { isOperationName, runOperation } from "../cli/operations";
import { isUserFacingError, UserFacingError } from "../lib/errors";
import { log } from "./log";
import type { Services } from "./services";

// A private HTTP endpoint on a unix socket inside the data directory (mode 0600): the CLI
// sends {name, input} and the server runs that operation in-process, inside its own
// transactions. Only the embedded database needs it; with DATABASE_URL the CLI connects itself.

const MAX_BODY = 1024 * 1024; // requests carry paths and options, never file contents

export function controlSocketPath(dataDir: string): string {
  const inDir = path.join(dataDir, "kizuna.sock");
  // Unix socket paths are limited to ~107 bytes; fall back to a short, stable path.
  if (Buffer.byteLength(inDir) < 100) return inDir;
  const digest = createHash("sha256").update(dataDir).digest("hex").slice(0, 16);
  return path.join(os.tmpdir(), `kizuna-${digest}.sock`);
}

export async function startControlServer(services: Services, socketPath: string): Promise<{ close(): Promise<void> }> {
  await rm(socketPath, { force: true });
  const server = http.createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    try {
      if (req.method !== "POST" || req.url !== "/run") return reply(404, { error: { message: "not found" } });
      let size = 0;
      const chunks: Buffer[] = [];
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY) return reply(413, { error: { message: "too large" } });
        chunks.push(chunk as Buffer);
      }
      const { name, input } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      if (!isOperationName(name)) return reply(404, { error: { message: `unknown operation ${name}` } });
      reply(200, { result: await runOperation(services, name, input) });
    } catch (error) {
      if (isUserFacingError(error)) return reply(200, { error: { message: error.message, status: error.status, code: error.code } });
      log.error({ component: "control", err: error }, "control operation failed");
      reply(500, { error: { message: "サーバーで処理に失敗しました。サーバーのログを確かめてください。" } });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, resolve);
  });
  await chmod(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => rm(socketPath, { force: true })),
  };
}

/** Runs an operation in the server that holds the data directory. */
export async function callControl(socketPath: string, name: string, input: unknown): Promise<unknown> {
  const body = JSON.stringify({ name, input });
  const text = await new Promise<string>((resolve, reject) => {
    const req = http.request(
      { socketPath, path: "/run", method: "POST", headers: { "content-type": "application/json" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
  const reply = JSON.parse(text) as { result?: unknown; error?: { message: string; status?: number; code?: string } };
  if (reply.error) throw new UserFacingError(reply.error.message, reply.error.status ?? 500, reply.error.code);
  return reply.result;
}
