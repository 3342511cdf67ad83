import type { Database } from "../db/database";
import type { SearchEngine } from "./engine";
import { PostgresSearchEngine } from "./engines/postgres";
import { SearchIndexer } from "./indexer";
import { SynonymStore, withSynonyms } from "./synonym-store";

export interface SearchService {
  /** Reads every query with the admins' synonym list. */
  engine: SearchEngine;
  indexer: SearchIndexer;
  synonyms: SynonymStore;
}

export interface SearchConfig {
  meiliUrl?: string;
  meiliKey?: string;
}

/** The engine for this deployment: Postgres by default (the Meilisearch branch goes here). */
async function createEngine(db: Database, _config: SearchConfig): Promise<SearchEngine> {
  return new PostgresSearchEngine(db);
}

export async function openSearch(db: Database, config: SearchConfig, log?: (message: string) => void): Promise<SearchService> {
  const synonyms = new SynonymStore(db);
  const engine = await createEngine(db, config);
  return { engine: withSynonyms(engine, synonyms), indexer: new SearchIndexer(db, engine, log), synonyms };
}
