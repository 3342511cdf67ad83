import { migrate } from "../db/migrate";
import { seed } from "../seeds";
import { loadConfig } from "./config";
import { controlSocketPath, startControlServer } from "./control";
import { createHttpServer } from "./http";
import { log, routeConsoleToLog } from "./log";
import { openServices } from "./services";
import { stopOnSignals } from "./shutdown";
import { isUserFacingError } from "../lib/errors";

// `npm start`: one process serves the app and the collaboration server on one port.
// On the embedded database it migrates and seeds on first run. Logs go to stderr (server/log.ts);
// stdout carries only the banner for the person who started it: the address and, on the
// first run, the demo logins with their passwords, which never enter the log.

const say = (text: string) => process.stdout.write(text + "\n");

async function main() {
  routeConsoleToLog();
  const config = loadConfig();
  const control = config.databaseUrl ? undefined : controlSocketPath(config.dataDir);
  if (config.databaseUrl) log.info({ database: "postgres" }, "Kizuna: server Postgres (DATABASE_URL)");
  else log.info({ database: "pglite", dataDir: config.dataDir }, "Kizuna: embedded database");
  const services = await openServices(config, { control });
  const { applied } = await migrate(services.db);
  if (applied.length) log.info({ migrations: applied }, "migrations applied");
  const { createdUsers } = await seed(services.db);
  // Rebuild the index if the text pipeline changed, then keep it current.
  await services.search.synonyms.load();
  await services.search.indexer.ensureCurrent();
  await services.search.indexer.drain();
  services.search.indexer.start(1000);
  const controlServer = control ? await startControlServer(services, control) : undefined;
  const app = await createHttpServer(services);
  const server = app.http;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const shownHost = config.host === "0.0.0.0" || config.host === "127.0.0.1" ? "localhost" : config.host;
  const url = `http://${shownHost}:${port}`;
  log.info({ url }, `Kizuna is running: ${url}`);
  say(`Kizuna is running: ${url}`);
  if (createdUsers.length > 0) {
    say("\nDemo logins (first run):");
    for (const u of createdUsers) say(`  ${u.login.padEnd(8)} ${u.role.padEnd(6)} password: ${u.password}`);
    say("");
  }

  // HTTP and collaboration first (requests in flight finish, documents are stored), then
  // the CLI's socket, the indexer and the database.
  stopOnSignals(log, async () => {
    await app.close();
    await controlServer?.close();
    await services.close();
  });
}

main().catch((error) => {
  if (isUserFacingError(error)) log.fatal({ code: error.code }, `エラー: ${error.message}`);
  else log.fatal({ err: error }, "Kizuna failed to start");
  process.exit(1);
});
