// One small interface over embedded PGlite and server Postgres, so every query in the
// project is plain SQL with $1 parameters and runs unchanged on both.

export type Row = Record<string, unknown>;

export interface Queryable {
  /** Runs one statement with $1.. parameters and returns its rows. */
  query<T = Row>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: "pglite" | "postgres";
  /** Runs fn inside BEGIN … COMMIT; any throw rolls everything back. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Postgres LISTEN: calls onMessage with each payload sent on the channel by any process
   * using the same database (and, on server Postgres, the same schema). Resolves to a stop
   * function.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** Postgres NOTIFY (payload under 8,000 bytes); delivered to every listener, this process too. */
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/** First row or undefined: most lookups want exactly one. */
export async function queryOne<T = Row>(
  db: Queryable,
  text: string,
  params?: unknown[],
): Promise<T | undefined> {
  const rows = await db.query<T>(text, params);
  return rows[0];
}
