import path from "node:path";

/** Every setting comes from the environment; README's configuration table lists them. */
export interface Config {
  dataDir: string;
  databaseUrl?: string;
  meiliUrl?: string;
  meiliKey?: string;
  redisUrl?: string;
  port: number;
  host: string;
  /** The origin browsers use (https://kizuna.example.jp) when behind a proxy; for CSRF checks and cookies. */
  publicUrl?: string;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  return {
    dataDir: path.resolve(env.KIZUNA_DATA_DIR || "./data"),
    databaseUrl: env.DATABASE_URL || undefined,
    meiliUrl: env.MEILI_URL || undefined,
    meiliKey: env.MEILI_MASTER_KEY || undefined,
    redisUrl: env.REDIS_URL || undefined,
    port,
    host: env.HOST || "127.0.0.1",
    publicUrl: env.KIZUNA_PUBLIC_URL || undefined,
  };
}
