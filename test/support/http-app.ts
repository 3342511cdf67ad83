import type { AddressInfo } from "node:net";
import { seed } from "../../seeds";
import { createHttpServer } from "../../server/http";
import { loadConfig } from "../../server/config";
import { createLogger } from "../../server/log";
import type { Services } from "../../server/services";
import type { Database } from "../../db/database";
import { openSearch } from "../../search/service";
import { SEARCH_SOURCES } from "../../server/search-sources";

/** The real Express + Remix stack on an ephemeral port, over a test database (needs `npm run build`). */
export async function startHttpApp(db: Database) {
  await seed(db);
  const config = { ...loadConfig({}), port: 0 };
  const search = await openSearch(db, config, SEARCH_SOURCES);
  await search.synonyms.load();
  await search.indexer.drain();
  const services: Services = { config, db, search, close: async () => {} };
  // A line per request and connection would drown the test output; LOG_LEVEL=info shows them.
  const app = await createHttpServer(services, { log: createLogger({ level: process.env.LOG_LEVEL || "warn" }) });
  await new Promise<void>((resolve) => app.http.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
  return {
    origin,
    services,
    close: () => app.close(),
  };
}

/** A tiny cookie-keeping client: enough to act as one browser. */
export class Client {
  cookie = "";
  constructor(readonly origin: string) {}

  async get(path: string) {
    return fetch(this.origin + path, { headers: { cookie: this.cookie }, redirect: "manual" });
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    const res = await fetch(this.origin + path, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { cookie: this.cookie, origin: this.origin, ...headers },
      redirect: "manual",
    });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0]!;
    return res;
  }

  async logIn(login: string, password = `kizuna-${login}`) {
    const res = await this.post("/login", { login, password, next: "/" });
    if (res.status !== 302) throw new Error(`login as ${login} failed: ${res.status}`);
    return this;
  }
}
