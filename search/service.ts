import type { Database } from "../db/database";
import type { SearchEngine } from "./engine";
import { MeiliSearchEngine } from "./engines/meilisearch";
import { PostgresSearchEngine } from "./engines/postgres";
import { SearchIndexer } from "./indexer";
import type { DocumentSource } from "./source";
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

/** The engine for this deployment: Postgres by default, Meilisearch when MEILI_URL is set. */
async function createEngine(db: Database, config: SearchConfig): Promise<SearchEngine> {
  if (config.meiliUrl) return MeiliSearchEngine.connect({ url: config.meiliUrl, apiKey: config.meiliKey });
  return new PostgresSearchEngine(db);
}

/** `sources`: everything that is indexed (server/search-sources.ts lists them for the app and the CLI). */
export async function openSearch(db: Database, config: SearchConfig, sources: readonly DocumentSource[], log?: (message: string) => void): Promise<SearchService> {
  const synonyms = new SynonymStore(db);
  const engine = await createEngine(db, config);
  return { engine: withSynonyms(engine, synonyms), indexer: new SearchIndexer(db, engine, sources, log), synonyms };
}
