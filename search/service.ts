import type { Database } from "../db/database";
import type { SearchEngine } from "./engine";
import { PostgresSearchEngine } from "./engines/postgres";
import { SearchIndexer } from "./indexer";

export interface SearchService {
  engine: SearchEngine;
  indexer: SearchIndexer;
}

export interface SearchConfig {
  meiliUrl?: string;
  meiliKey?: string;
}

/** The search engine for this deployment (Postgres; the Meilisearch engine plugs in here). */
export async function openSearch(db: Database, _config: SearchConfig, log?: (message: string) => void): Promise<SearchService> {
  const engine: SearchEngine = new PostgresSearchEngine(db);
  return { engine, indexer: new SearchIndexer(db, engine, log) };
}
