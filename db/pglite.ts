import { PGlite, types } from "@electric-sql/pglite";
import type { Database, Queryable } from "./database";
import { translateQueryError } from "./query-errors";

/** Opens embedded Postgres; dataDir undefined means in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Database> {
  // int8 as a plain number, matching the server Postgres driver's setting.
  const parsers = { [types.INT8]: (value: string) => Number(value) };
  const pg = await PGlite.create(dataDir ? { dataDir, parsers } : { parsers });
  return wrapPglite(pg);
}

/**
 * PGlite runs each statement synchronously on this thread, and its results resolve as
 * microtasks, so requests in flight can chain statement after statement without the event
 * loop ever reaching its poll phase: under load, sockets then went unread for seconds (p99 of
 * 16 s against p50 of 1 s, while no request took over 1 s once read). Waiting for the check
 * phase before each statement lets the loop read what has arrived, as a network database's
 * round trip does.
 */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function wrapQueryable(target: Pick<PGlite, "query" | "exec">): Queryable {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      await turn();
      try {
        return (await target.query<T>(text, params)).rows;
      } catch (error) {
        throw translateQueryError(error);
      }
    },
    async exec(script: string) {
      await target.exec(script);
    },
  };
}

export function wrapPglite(pg: PGlite): Database {
  return {
    kind: "pglite",
    ...wrapQueryable(pg),
    // COMMIT itself can fail (the disk filled up as the log was written).
    transaction: (fn) =>
      pg.transaction((tx) => fn(wrapQueryable(tx))).catch((error) => {
        throw translateQueryError(error);
      }),
    listen: (channel, onMessage) => pg.listen(channel, onMessage),
    notify: async (channel, payload) => {
      await pg.query("SELECT pg_notify($1, $2)", [channel, payload]);
    },
    close: () => pg.close(),
  };
}
