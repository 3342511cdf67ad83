// A worker thread that builds the Postgres engine's rows (postgres-rows.ts), so that on
// the embedded database, whose Postgres runs on the main thread, building the next batch
// and storing the previous one use both cores. Plain JS: it loads TypeScript through tsx.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { rowsJson } = await import("./postgres-rows.ts");

parentPort.on("message", ({ id, docs }) => {
  try {
    parentPort.postMessage({ id, json: rowsJson(docs) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.stack ?? error) });
  }
});
parentPort.postMessage({ ready: true });
