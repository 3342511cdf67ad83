#!/usr/bin/env node
// `npm start`: builds the Remix app when the build is missing or older than its sources,
// then runs the TypeScript server through tsx's loader.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NODE_ENV ??= "production";

const SOURCE_DIRS = ["app", "auth", "db", "lib", "ordinance", "search", "seeds"];

function newestSource(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const built = path.join(root, "build", "index.js");
const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCE_DIRS.map((d) => newestSource(path.join(root, d))), statSync("remix.config.js").mtimeMs);
if (sourcesAt > builtAt) {
  process.stderr.write("Building the app…\n");
  // Always a production build: a development one (NODE_ENV=test or development in the
  // caller's shell) uses React's dev JSX runtime and fails under a production server.
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

register();
await import("../server/main.ts");
