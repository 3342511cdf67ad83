import { migrate } from "../db/migrate";
import { seed } from "../seeds";
import { loadConfig } from "./config";
import { controlSocketPath, startControlServer } from "./control";
import { createHttpServer } from "./http";
import { openServices } from "./services";
import { isUserFacingError } from "../lib/errors";

// `npm start`: one process serves the app (and later the collaboration server) on one port.
// On the embedded database it migrates and seeds on first run and prints the demo logins.

const log = (text: string) => process.stderr.write(text + "\n");

async function main() {
  const config = loadConfig();
  const control = config.databaseUrl ? undefined : controlSocketPath(config.dataDir);
  log(config.databaseUrl ? "Kizuna: server Postgres (DATABASE_URL)" : `Kizuna: embedded database in ${config.dataDir}`);
  const services = await openServices(config, { control });
  const { applied } = await migrate(services.db);
  if (applied.length) log(`migrations applied: ${applied.join(", ")}`);
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
  log(`Kizuna is running: http://${shownHost}:${port}`);
  if (createdUsers.length > 0) {
    log("\nDemo logins (first run):");
    for (const u of createdUsers) log(`  ${u.login.padEnd(8)} ${u.role.padEnd(6)} password: ${u.password}`);
    log("");
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: shutting down`);
    await app.close();
    await controlServer?.close();
    await services.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  if (isUserFacingError(error)) log(`エラー: ${error.message}`);
  else log(`Kizuna failed to start: ${error?.stack ?? error}`);
  process.exit(1);
});
