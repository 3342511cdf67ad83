import { randomUUID } from "node:crypto";
import os from "node:os";
import type {
  afterLoadDocumentPayload,
  afterStoreDocumentPayload,
  afterUnloadDocumentPayload,
  beforeBroadcastStatelessPayload,
  beforeUnloadDocumentPayload,
  Extension,
  Hocuspocus,
  onAwarenessUpdatePayload,
  onChangePayload,
  onConfigurePayload,
} from "@hocuspocus/server";
import { Redis, type Configuration, type RedisInstance } from "@hocuspocus/extension-redis";
import { log as processLog, type Logger } from "../../server/log";

/**
 * Scale-out: several collab-server processes serve the same draft, relaying document and
 * awareness updates through Redis pub/sub (@hocuspocus/extension-redis).
 *
 * Persistence stays per process and needs no Redis: a process appends only the updates its
 * own clients send (beforeHandleMessage); updates relayed from Redis are applied to the
 * document directly, never through a connection, so they are neither appended again nor
 * trigger a store. Compaction merges from Postgres alone under an advisory lock, so when
 * two processes compact together one writes the snapshot and the other finds nothing to
 * merge. The extension's Redlock-based onStoreDocument is therefore left out: it would only
 * skip compactions (and log errors) whenever Redis is slow or away.
 *
 * Redis is optional at run time: while it is unreachable the process serves its own
 * connections alone and says so once; when it returns, every open document is subscribed
 * again and exchanges sync step 1 with the other processes, so they converge.
 */
export class RedisExtension implements Extension {
  extensionName = "kizuna-redis";

  private readonly relay: Redis;
  private readonly where: string;
  private instance?: Hocuspocus;
  private state: "starting" | "up" | "down" = "starting";

  constructor(redisUrl: string, private readonly log: Logger = processLog.child({ component: "collab" })) {
    const { host, port, prefix, options } = parseRedisUrl(redisUrl);
    this.where = `${host}:${port}`;
    this.relay = new Redis({
      host,
      port,
      prefix,
      identifier: `kizuna-${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`.slice(0, 200),
      options: {
        ...options,
        // Commands wait for a reconnection instead of failing: we send none while Redis is
        // away (see redisReady()), so the offline queue stays small.
        maxRetriesPerRequest: null,
        retryStrategy: (attempt: number) => Math.min(attempt * 500, 5000),
        connectTimeout: 5000,
      },
    });
    for (const client of [this.relay.pub, this.relay.sub]) this.watch(client);
    // The extension registers its message handler unguarded; an error in it (say, a
    // malformed message from another process) must not become an unhandled rejection.
    const relayed = (this.relay as unknown as { handleIncomingMessage(channel: Buffer, data: Buffer): Promise<void> }).handleIncomingMessage;
    this.relay.sub.removeAllListeners("messageBuffer");
    this.relay.sub.on("messageBuffer", (channel: Buffer, data: Buffer) => {
      relayed(channel, data).catch((error) => this.log.warn({ error: String(error) }, "could not apply a message relayed through Redis"));
    });
  }

  async onConfigure(payload: onConfigurePayload): Promise<void> {
    this.instance = payload.instance;
    await this.relay.onConfigure(payload);
  }

  async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<void> {
    // Loading never waits for Redis for long: a document missed here is subscribed on reconnect.
    if (this.redisReady()) await this.settle(this.relay.afterLoadDocument(payload), "subscribe", 2000);
  }

  async onChange(payload: onChangePayload): Promise<void> {
    if (this.redisReady()) void this.settle(this.relay.onChange(payload), "publish an update");
  }

  async onAwarenessUpdate(payload: onAwarenessUpdatePayload): Promise<void> {
    if (this.redisReady()) void this.settle(this.relay.onAwarenessUpdate(payload), "publish awareness");
  }

  async beforeBroadcastStateless(payload: beforeBroadcastStatelessPayload): Promise<void> {
    if (this.redisReady()) void this.settle(this.relay.beforeBroadcastStateless(payload), "publish a stateless message");
  }

  /** Holds no Redis lock (see above); for server-side connections it lets the last relay go out. */
  async afterStoreDocument(payload: afterStoreDocumentPayload): Promise<void> {
    if (this.redisReady()) await this.relay.afterStoreDocument(payload);
  }

  async beforeUnloadDocument(payload: beforeUnloadDocumentPayload): Promise<void> {
    if (this.redisReady()) await this.relay.beforeUnloadDocument(payload);
  }

  async afterUnloadDocument(payload: afterUnloadDocumentPayload): Promise<void> {
    if (this.redisReady()) await this.relay.afterUnloadDocument(payload);
  }

  async onDestroy(): Promise<void> {
    this.state = "down";
    this.relay.pub.disconnect(false);
    this.relay.sub.disconnect(false);
  }

  private redisReady(): boolean {
    return this.relay.pub.status === "ready" && this.relay.sub.status === "ready";
  }

  private watch(client: RedisInstance): void {
    // The extension does not await every publish (sync replies): mark each one handled.
    const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<number>;
    (client as unknown as { publish: typeof publish }).publish = (...args) => {
      const sent = publish(...args);
      sent.catch(() => {});
      return sent;
    };
    client.on("ready", () => {
      if (!this.redisReady() || this.state === "up") return;
      this.state = "up";
      this.log.info(`sharing drafts with other processes through Redis at ${this.where}`);
      void this.resubscribe();
    });
    const lost = (reason: string) => {
      if (this.state === "down") return;
      this.state = "down";
      this.log.warn({ reason }, `Redis at ${this.where} is unreachable; serving this process's connections alone until it returns`);
    };
    client.on("error", (error: Error & { code?: string }) => lost(error.code ?? error.message));
    client.on("close", () => lost("connection closed"));
  }

  /** After (re)connecting: subscribe every open document and exchange what was missed. */
  private async resubscribe(): Promise<void> {
    for (const [documentName, document] of this.instance?.documents ?? []) {
      if (!this.redisReady()) return;
      await this.settle(this.relay.afterLoadDocument({ documentName, document } as afterLoadDocumentPayload), "subscribe", 2000);
    }
  }

  /** Waits for a Redis operation (at most `ms`), logging instead of throwing. */
  private async settle(operation: Promise<unknown>, what: string, ms?: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      if (ms !== undefined) timer = setTimeout(() => resolve("timeout"), ms);
    });
    try {
      if ((await Promise.race([operation, timeout])) === "timeout") this.log.warn(`Redis did not ${what} in time; continuing without it`);
    } catch (error) {
      this.log.warn({ error: error instanceof Error ? error.message : String(error) }, `Redis could not ${what}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * redis://[user:password@]host[:port][/db][?prefix=name] (rediss:// for TLS). The prefix
 * (default "kizuna") names the pub/sub channels: give each installation sharing one Redis
 * its own, since channels ignore the database number.
 */
export function parseRedisUrl(redisUrl: string): Pick<Configuration, "host" | "port" | "prefix"> & { options: Record<string, unknown> } {
  let url: URL;
  try {
    url = new URL(redisUrl);
  } catch {
    throw new Error(`REDIS_URL must look like redis://127.0.0.1:6379, got "${redisUrl}"`);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new Error(`REDIS_URL must start with redis:// or rediss://, got "${url.protocol}"`);
  }
  const db = url.pathname.replace(/^\//, "");
  if (db && !/^\d+$/.test(db)) throw new Error(`REDIS_URL's database must be a number, got "${db}"`);
  return {
    host: url.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1",
    port: url.port ? Number(url.port) : 6379,
    prefix: url.searchParams.get("prefix") || "kizuna",
    options: {
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(db ? { db: Number(db) } : {}),
      ...(url.protocol === "rediss:" ? { tls: {} } : {}),
    },
  };
}
