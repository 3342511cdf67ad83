import type { Database } from "../../db/database";
import type { SearchEngine } from "../../search/engine";
import { PostgresSearchEngine } from "../../search/engines/postgres";

// The engines every search contract and relevance test runs against. Postgres always;
// Meilisearch is added by test/support/meili.ts when its server can run here.

export interface EngineFactory {
  name: SearchEngine["name"];
  /** An empty engine whose index belongs to this test database alone. */
  create(db: Database): Promise<SearchEngine & { dispose?: () => Promise<void> }>;
}

export const postgresEngine: EngineFactory = {
  name: "postgres",
  create: async (db) => new PostgresSearchEngine(db),
};

export const engineFactories: EngineFactory[] = [postgresEngine];
