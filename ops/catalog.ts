import type { Queryable } from "../db/database";

// What a backup holds, read from the catalog of the current schema rather than listed by
// hand, so a table added by a later migration is backed up without anyone remembering to.

/**
 * Tables left out, each rebuilt rather than restored: the migration bookkeeping (the
 * backup's header carries the list, and the target has its own rows from migrate()), and
 * the search index with its outbox and tokenizer fingerprint (derived from the other
 * tables; restore rebuilds it, which it must do anyway for Meilisearch or a newer tokenizer).
 */
export const NOT_BACKED_UP: readonly string[] = ["schema_migrations", "search_chunks", "search_outbox", "search_meta"];

export interface ColumnInfo {
  name: string;
  /** format_type(): the type as SQL spells it, used to cast the text form back. */
  type: string;
  /** bytea: carried as base64 instead of Postgres' hex text form. */
  binary: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** Rows are read in this order, so a row referring to an earlier one of its table (a reply) comes after it. */
  primaryKey: string[];
  /** Columns whose values come from a sequence (identity or serial), with the sequence's name. */
  sequences: { column: string; sequence: string }[];
}

/** Every table of the current schema that a backup holds, parents before the tables referring to them. */
export async function backedUpTables(db: Queryable): Promise<TableInfo[]> {
  const names = (
    await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY c.relname`,
    )
  )
    .map((r) => r.name)
    .filter((name) => !NOT_BACKED_UP.includes(name));
  const [columns, keys, references] = [await columnsOf(db, names), await primaryKeys(db), await foreignKeys(db)];
  const tables = names.map((name) => ({
    name,
    columns: (columns.get(name) ?? []).map(({ name, type, binary }) => ({ name, type, binary })),
    primaryKey: keys.get(name) ?? [],
    sequences: (columns.get(name) ?? []).filter((c) => c.sequence).map((c) => ({ column: c.name, sequence: c.sequence! })),
  }));
  return dependencyOrder(tables, references);
}

async function columnsOf(db: Queryable, tables: string[]) {
  const rows = await db.query<{ table: string; name: string; type: string; binary: boolean; sequence: string | null }>(
    `SELECT c.relname AS "table", a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.atttypid = 'bytea'::regtype AS "binary",
            pg_get_serial_sequence(quote_ident(current_schema()) || '.' || quote_ident(c.relname), a.attname) AS sequence
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1::text[])
        AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`,
    [tables],
  );
  const byTable = new Map<string, typeof rows>();
  for (const row of rows) byTable.set(row.table, [...(byTable.get(row.table) ?? []), row]);
  return byTable;
}

async function primaryKeys(db: Queryable): Promise<Map<string, string[]>> {
  const rows = await db.query<{ table: string; columns: string[] }>(
    `SELECT c.relname AS "table", array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace
      GROUP BY c.relname`,
  );
  return new Map(rows.map((r) => [r.table, r.columns]));
}

async function foreignKeys(db: Queryable): Promise<{ from: string; to: string }[]> {
  return db.query<{ from: string; to: string }>(
    `SELECT c.relname AS "from", r.relname AS "to"
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
      WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace`,
  );
}

/**
 * Orders tables so each comes after every table it refers to (Kahn's algorithm, by name
 * among equals so two backups of one schema list tables alike). Foreign keys are checked
 * at the end of each INSERT, so a table referring to itself needs only its rows in key order.
 */
export function dependencyOrder(tables: TableInfo[], references: { from: string; to: string }[]): TableInfo[] {
  const names = new Set(tables.map((t) => t.name));
  const needs = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const { from, to } of references) if (from !== to && names.has(from) && names.has(to)) needs.get(from)!.add(to);
  const ordered: TableInfo[] = [];
  const left = [...tables];
  while (left.length) {
    const next = left.findIndex((t) => [...needs.get(t.name)!].every((n) => ordered.some((o) => o.name === n)));
    if (next < 0) throw new Error(`tables refer to each other in a cycle: ${left.map((t) => t.name).join(", ")}`);
    ordered.push(...left.splice(next, 1));
  }
  return ordered;
}

/** The migrations applied to this database, in order: a backup restores only where the same list applies. */
export async function appliedMigrations(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ version: string }>("SELECT version FROM schema_migrations ORDER BY version");
  return rows.map((r) => r.version);
}

/** A name quoted for SQL ("draft_updates", "user"). */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
