import type { Logger } from "./log";

/** A stop that takes longer than this (a database that never answers) ends with exit 1. */
export const SHUTDOWN_DEADLINE_MS = 30_000;
/**
 * `npm start` in a terminal: Ctrl-C reaches the server from the terminal and again from npm,
 * which forwards it; a repeat this soon is that echo, not a person insisting.
 */
const ECHO_MS = 1000;

/**
 * SIGTERM or SIGINT runs `stop` once, then exits 0 (1 if it failed or outlived the deadline).
 * A second signal exits at once with 1.
 */
export function stopOnSignals(log: Logger, stop: () => Promise<void>, deadlineMs = SHUTDOWN_DEADLINE_MS): void {
  let firstAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstAt !== undefined) {
      if (performance.now() - firstAt < ECHO_MS) return;
      log.warn({ signal }, `${signal} again: exiting without finishing the shutdown`);
      process.exit(1);
    }
    firstAt = performance.now();
    log.info({ signal }, `${signal}: shutting down`);
    setTimeout(() => {
      log.error({ deadlineMs }, "shutdown did not finish in time; exiting");
      process.exit(1);
    }, deadlineMs).unref();
    stop().then(
      () => {
        log.info({ ms: Math.round(performance.now() - firstAt!) }, "stopped");
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}
