#!/usr/bin/env node
// `node collab-server`: the collaboration server alone, for multi-process deployments.
// TypeScript sources run through tsx's loader, as for bin/kizuna.js.
import { register } from "tsx/esm/api";

register();
const { runStandaloneCollab } = await import("./main.ts");
const { isUserFacingError } = await import("../lib/errors.ts");

try {
  await runStandaloneCollab();
} catch (error) {
  if (isUserFacingError(error)) process.stderr.write(`エラー: ${error.message}\n`);
  else process.stderr.write(`Kizuna collaboration server failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
}
