import express from "express";
import type { Database } from "../db/database";
import { pendingMigrations } from "../db/migrate";
import type { Logger } from "./log";

// /healthz: the process is up (no I/O). /readyz: it can serve: the database answers, every
// migration this code expects is applied, and Meilisearch (when MEILI_URL is set) is
// healthy. Both are public, so a failure says which check failed but not why: the reason
// (host names, SQL errors) goes to the log only.

/** How long /readyz waits for each dependency before calling it down. */
export const READY_TIMEOUT_MS = 2000;

export type CheckResult = { status: "ok"; ms: number } | { status: "failed"; reason: string } | { status: "skipped" };

export interface ReadinessTargets {
  db: Database;
  meiliUrl?: string;
  log: Logger;
  timeoutMs?: number;
}

class CheckTimeout extends Error {}
/** A check that ran and found the service not ready; its message is safe to show. */
class NotReady extends Error {}

async function runCheck(name: string, targets: ReadinessTargets, check: () => Promise<void>): Promise<CheckResult> {
  const timeoutMs = targets.timeoutMs ?? READY_TIMEOUT_MS;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout()), timeoutMs);
  });
  try {
    await Promise.race([check(), deadline]);
    return { status: "ok", ms: Math.round(performance.now() - started) };
  } catch (error) {
    const reason = error instanceof CheckTimeout ? `no answer within ${timeoutMs} ms` : error instanceof NotReady ? error.message : "error";
    targets.log.warn({ check: name, reason, error: (error as Error)?.message }, "readiness check failed");
    return { status: "failed", reason };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(targets: ReadinessTargets): Promise<{ ready: boolean; checks: Record<string, CheckResult> }> {
  const { db, meiliUrl } = targets;
  const databaseChecks = async (): Promise<Record<string, CheckResult>> => {
    const database = await runCheck("database", targets, async () => {
      await db.query("SELECT 1");
    });
    if (database.status !== "ok") return { database, migrations: { status: "skipped" } };
    const migrations = await runCheck("migrations", targets, async () => {
      const pending = await pendingMigrations(db);
      if (pending.length) throw new NotReady(`${pending.length} not applied`);
    });
    return { database, migrations };
  };
  const meilisearchCheck = async (): Promise<Record<string, CheckResult>> => {
    if (!meiliUrl) return {};
    const meilisearch = await runCheck("meilisearch", targets, async () => {
      const response = await fetch(`${meiliUrl.replace(/\/+$/, "")}/health`, { signal: AbortSignal.timeout(targets.timeoutMs ?? READY_TIMEOUT_MS) });
      const body = (await response.json().catch(() => null)) as { status?: string } | null;
      if (!response.ok || body?.status !== "available") throw new NotReady(`answered ${response.status}`);
    });
    return { meilisearch };
  };
  const parts = await Promise.all([databaseChecks(), meilisearchCheck()]);
  const checks = Object.assign({}, ...parts) as Record<string, CheckResult>;
  return { ready: Object.values(checks).every((c) => c.status === "ok"), checks };
}

/** Status and JSON body of /readyz; a process that is shutting down is never ready. */
export async function readinessReply(targets: ReadinessTargets, shuttingDown: boolean): Promise<{ status: number; body: unknown }> {
  if (shuttingDown) return { status: 503, body: { status: "shutting down", checks: {} } };
  const { ready, checks } = await checkReadiness(targets);
  return { status: ready ? 200 : 503, body: { status: ready ? "ready" : "not ready", checks } };
}

/** The two probes for the Express app; mounted before sessions, CSRF checks and Remix. */
export function healthRoutes(targets: ReadinessTargets, shuttingDown: () => boolean): express.Router {
  const router = express.Router();
  router.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok" });
  });
  router.get("/readyz", (_req, res, next) => {
    readinessReply(targets, shuttingDown())
      .then(({ status, body }) => res.status(status).set("Cache-Control", "no-store").json(body))
      .catch(next);
  });
  return router;
}
