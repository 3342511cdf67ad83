import type { RequestHandler } from "express";

// Page views and searches (GET and HEAD) run at most `limit` at a time; the rest wait their
// turn in the order they came. Under more load than the process can serve, every request is
// then about equally late, instead of each of the many in flight re-queueing behind all the
// others at every database call: with fifty people searching at once on the embedded
// database (which runs one statement at a time), p95 was several times p50 and a few waited
// twenty seconds (docs/PERFORMANCE.md, Load). POSTs are not held back: an upload may take a
// while to arrive, and must not keep pages from being served meanwhile.

/** At once on embedded PGlite (one statement at a time anyway) and on server Postgres (its pool holds 10). */
export const ADMISSION_LIMITS = { pglite: 4, postgres: 10 } as const;

export function admission(limit: number): RequestHandler {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next(); // the slot passes on
    else running--;
  };
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const start = () => {
      // Someone who gave up while waiting is not served.
      if (req.destroyed || res.destroyed) return release();
      let released = false;
      const done = () => {
        if (released) return;
        released = true;
        release();
      };
      res.once("finish", done);
      res.once("close", done);
      next();
    };
    if (running < limit) {
      running++;
      start();
    } else waiting.push(start);
  };
}
