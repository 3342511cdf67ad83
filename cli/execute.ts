import { migrate } from "../db/migrate";
import { loadConfig } from "../server/config";
import { callControl } from "../server/control";
import { readLock } from "../server/data-dir-lock";
import { DataDirBusyError, openServices } from "../server/services";
import { runOperation, type OperationName } from "./operations";

/**
 * Runs an operation against the configured database: directly, or through the running
 * server when it holds the embedded data directory.
 */
export async function execute(name: OperationName, input: unknown = {}): Promise<unknown> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    const holder = await readLock(config.dataDir);
    if (holder?.control) return callControl(holder.control, name, input);
    if (holder) throw new DataDirBusyError(holder);
  }
  const services = await openServices(config);
  try {
    // restore decides itself: a new database gets its schema in the restore's own transaction,
    // for the backup's version, so an older backup is brought up to date with it.
    if (name !== "migrate" && name !== "restore") await migrate(services.db);
    return await runOperation(services, name, input);
  } finally {
    await services.close();
  }
}
