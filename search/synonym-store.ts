import type { Database, Queryable } from "../db/database";
import { UserFacingError } from "../lib/errors";
import type { SearchEngine, SearchRequest } from "./engine";
import { DEFAULT_SYNONYMS, type SynonymSet } from "./text";

// The synonym groups admins edit, kept in Postgres and cached here. Every search reads
// the cached list; an edit refreshes it, so it applies to the next query.

export const MAX_GROUPS = 300;
export const MAX_TERMS = 10;
export const MAX_TERM_LENGTH = 40;
const SEPARATOR = /[、，,\n]/;

export interface SynonymGroup {
  id: number;
  terms: string[];
}

/** Reads "子ども、子供、こども" into its terms, or explains what is wrong with it. */
export function parseSynonymGroup(input: string): string[] {
  const terms = [...new Set(input.split(SEPARATOR).map((t) => t.trim().normalize("NFKC")).filter(Boolean))];
  if (terms.length < 2) throw new UserFacingError("言い換えは2語以上を読点(、)で区切って入力してください。例：子ども、子供、こども");
  if (terms.length > MAX_TERMS) throw new UserFacingError(`1つのまとまりに入れられる語は${MAX_TERMS}語までです。`);
  const long = terms.find((t) => t.length > MAX_TERM_LENGTH);
  if (long) throw new UserFacingError(`「${long.slice(0, 20)}…」が長すぎます。1語${MAX_TERM_LENGTH}文字以内にしてください。`);
  return terms;
}

export class SynonymStore {
  private cache: readonly SynonymSet[] = DEFAULT_SYNONYMS;

  constructor(private readonly db: Database) {}

  current(): readonly SynonymSet[] {
    return this.cache;
  }

  async load(): Promise<void> {
    const groups = await this.list();
    this.cache = groups.map((g) => g.terms);
  }

  async list(db: Queryable = this.db): Promise<SynonymGroup[]> {
    const rows = await db.query<{ id: number; terms: string }>("SELECT id, terms FROM search_synonyms ORDER BY id");
    return rows.map((r) => ({ id: r.id, terms: r.terms.split("\n") }));
  }

  async add(input: string, actorId: number | null): Promise<void> {
    const terms = parseSynonymGroup(input);
    const [{ n }] = await this.db.query<{ n: number }>("SELECT count(*)::int AS n FROM search_synonyms");
    if (n! >= MAX_GROUPS) throw new UserFacingError(`言い換えは${MAX_GROUPS}件までです。使わなくなったものを削除してください。`);
    await this.db.query("INSERT INTO search_synonyms (terms, updated_by) VALUES ($1, $2)", [terms.join("\n"), actorId]);
    await this.load();
  }

  async update(id: number, input: string, actorId: number | null): Promise<void> {
    const terms = parseSynonymGroup(input);
    const rows = await this.db.query("UPDATE search_synonyms SET terms = $2, updated_by = $3, updated_at = now() WHERE id = $1 RETURNING id", [id, terms.join("\n"), actorId]);
    if (!rows.length) throw new UserFacingError("この言い換えは既に削除されています。一覧を再読み込みしてください。", 404, "not_found");
    await this.load();
  }

  async remove(id: number): Promise<void> {
    await this.db.query("DELETE FROM search_synonyms WHERE id = $1", [id]);
    await this.load();
  }

  /** First run: the built-in groups become the editable list. */
  async seedDefaults(): Promise<void> {
    const [{ n }] = await this.db.query<{ n: number }>("SELECT count(*)::int AS n FROM search_synonyms");
    if (n! > 0) return;
    for (const group of DEFAULT_SYNONYMS) await this.db.query("INSERT INTO search_synonyms (terms) VALUES ($1)", [group.join("\n")]);
  }
}

/** An engine whose every search reads queries with the admins' current synonym list. */
export function withSynonyms<E extends SearchEngine>(engine: E, store: SynonymStore): E {
  return new Proxy(engine, {
    get(target, property, receiver) {
      if (property === "search") {
        return (request: SearchRequest) => target.search({ ...request, synonyms: store.current() });
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
