import postgres from "postgres";
import { translateQueryError } from "./query-errors";
import type { Database, Queryable } from "./database";

export interface PostgresOptions {
  /** Schema to create (if missing) and put first on search_path; tests isolate with it. */
  schema?: string;
  max?: number;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const { schema, max = 10 } = options;
  if (schema) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, "")}"`);
    } finally {
      await admin.end();
    }
  }
  const sql = postgres(url, {
    max,
    onnotice: () => {},
    // Reconnecting (LISTEN's connection too) waits longer after each failure, by default up
    // to 20 s; capped at 2 s, queries and live events are back within seconds of a restart.
    backoff: (attempt: number) => Math.min(0.1 * 2 ** attempt, 2),
    // int8 (counts, sums) would arrive as strings; ours fit in a JS number, as on PGlite.
    types: {
      int8: { to: 20, from: [20], serialize: (n: number) => String(n), parse: (s: string) => Number(s) },
    },
    connection: schema ? { search_path: schema } : {},
  });
  const wrap = (target: postgres.Sql | postgres.TransactionSql): Queryable => ({
    async query<T>(text: string, params: unknown[] = []) {
      try {
        const rows = await target.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
        return rows as unknown as T[];
      } catch (error) {
        throw translateQueryError(error);
      }
    },
    async exec(script: string) {
      await target.unsafe(script);
    },
  });
  // Channels are database-wide; a schema (a test's isolation) gets channels of its own.
  const channelOf = (channel: string) => (schema ? `${schema}_${channel}` : channel);
  return {
    kind: "postgres",
    ...wrap(sql),
    // COMMIT itself can fail (the disk filled up as the log was written).
    transaction: (fn) =>
      (sql.begin((tx) => fn(wrap(tx))) as Promise<never>).catch((error) => {
        throw translateQueryError(error);
      }),
    async listen(channel, onMessage) {
      const { unlisten } = await sql.listen(channelOf(channel), onMessage);
      return unlisten;
    },
    notify: async (channel, payload) => {
      await sql.notify(channelOf(channel), payload);
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
