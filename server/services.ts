import path from "node:path";
import type { Database } from "../db/database";
import { openPglite } from "../db/pglite";
import { openPostgres } from "../db/postgres";
import { UserFacingError } from "../lib/errors";
import type { Config } from "./config";
import { acquireLock, isHeldLock, type LockInfo } from "./data-dir-lock";
import { openSearch, type SearchService } from "../search/service";
import { SEARCH_SOURCES } from "./search-sources";

/** What every loader, action, CLI command and (later) the collaboration server is given. */
export interface Services {
  config: Config;
  db: Database;
  search: SearchService;
  close(): Promise<void>;
}

const log = (message: string) => process.stderr.write(`${message}\n`);

export class DataDirBusyError extends UserFacingError {
  constructor(readonly holder: LockInfo) {
    super(
      `データディレクトリは別のプロセス(PID ${holder.pid})が使用中です。そのプロセスが終わってから、もう一度実行してください。`,
      409,
      "data_dir_busy",
    );
  }
}

/**
 * Opens the database named by the config: server Postgres with DATABASE_URL, otherwise
 * embedded PGlite under the data directory (locked to this process).
 */
export async function openServices(config: Config, options: { control?: string } = {}): Promise<Services> {
  if (config.databaseUrl) {
    const db = await openPostgres(config.databaseUrl);
    const search = await openSearch(db, config, SEARCH_SOURCES, log);
    return {
      config,
      db,
      search,
      async close() {
        await search.indexer.stop();
        await db.close();
      },
    };
  }
  const lock = await acquireLock(config.dataDir, options.control);
  if (!isHeldLock(lock)) throw new DataDirBusyError(lock);
  try {
    const db = await openPglite(path.join(config.dataDir, "pgdata"));
    const search = await openSearch(db, config, SEARCH_SOURCES, log);
    return {
      config,
      db,
      search,
      async close() {
        await search.indexer.stop();
        await db.close();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
