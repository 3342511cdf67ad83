import path from "node:path";
import type { Database } from "../db/database";
import { openPglite } from "../db/pglite";
import { openPostgres } from "../db/postgres";
import { UserFacingError } from "../lib/errors";
import { storageError } from "../lib/storage-errors";
import type { Config } from "./config";
import { log as processLog } from "./log";
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

/**
 * The indexer reports in sentences; a failed round repeats every second while the engine is
 * away, so the same failure is logged once a minute, with how often it happened meanwhile.
 */
function indexerLog(log = processLog.child({ component: "search" })): (message: string) => void {
  let last = { message: "", at: 0, repeats: 0 };
  return (message) => {
    if (!message.startsWith("search indexing failed")) return log.info(message);
    const now = Date.now();
    if (message === last.message && now - last.at < 60_000) {
      last.repeats++;
      return;
    }
    log.warn({ repeatsSinceLast: last.message === message ? last.repeats : undefined }, message);
    last = { message, at: now, repeats: 0 };
  };
}

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
    const search = await openSearch(db, config, SEARCH_SOURCES, indexerLog());
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
  // A data directory that cannot be written says so in Japanese, not as an errno.
  const lock = await acquireLock(config.dataDir, options.control).catch((error) => {
    throw storageError(error, config.dataDir) ?? error;
  });
  if (!isHeldLock(lock)) throw new DataDirBusyError(lock);
  try {
    const db = await openPglite(path.join(config.dataDir, "pgdata"));
    const search = await openSearch(db, config, SEARCH_SOURCES, indexerLog());
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
    throw storageError(error, config.dataDir) ?? error;
  }
}
