import type { Database } from "../../db/database";
import { backends, type TestDatabase } from "../support/db";
import { startHttpApp } from "../support/http-app";

// What every security suite shares: one real app (Express + Remix + collaboration) over a
// fresh database, a client that can send any method, form or multipart body with any
// headers, and a fingerprint of the whole database to prove that a refused request changed
// nothing. Authorisation does not depend on the database engine, so the suites run on one
// backend: server Postgres when TEST_DATABASE_URL is set (it starts in ~4 s), else PGlite.

export const securityBackend = backends.find((b) => b.name === "postgres") ?? backends[0]!;

export type HttpApp = Awaited<ReturnType<typeof startHttpApp>>;

export interface SecurityApp {
  t: TestDatabase;
  app: HttpApp;
  db: Database;
  origin: string;
  close(): Promise<void>;
}

export async function startSecurityApp(): Promise<SecurityApp> {
  const t = await securityBackend.create();
  const app = await startHttpApp(t.db);
  return {
    t,
    app,
    db: t.db,
    origin: app.origin,
    async close() {
      await app.close();
      await t.drop();
    },
  };
}

export interface UploadFile {
  name: string;
  content: Uint8Array | string;
  type?: string;
}

export interface RequestOptions {
  /** URL-encoded form fields. */
  form?: Record<string, string>;
  /** multipart/form-data: fields and files. */
  multipart?: { fields?: Record<string, string>; files?: UploadFile[] };
  /** A raw body, sent as is (hand-made multipart with bytes a FormData cannot carry). */
  raw?: { body: Uint8Array | string; contentType: string };
  headers?: Record<string, string>;
}

/** One browser, as far as the server can tell: a cookie jar of one cookie. */
export class Agent {
  cookie = "";
  constructor(readonly origin: string) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    let body: BodyInit | undefined;
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== "GET" && method !== "HEAD") headers.origin = this.origin;
    if (options.form) body = new URLSearchParams(options.form);
    else if (options.multipart) {
      const form = new FormData();
      for (const [k, v] of Object.entries(options.multipart.fields ?? {})) form.append(k, v);
      for (const f of options.multipart.files ?? []) {
        const bytes = typeof f.content === "string" ? new TextEncoder().encode(f.content) : f.content;
        form.append("files", new Blob([bytes as Uint8Array<ArrayBuffer>], { type: f.type ?? "application/octet-stream" }), f.name);
      }
      body = form;
    } else if (options.raw) {
      body = options.raw.body as BodyInit;
      headers["content-type"] = options.raw.contentType;
    }
    const res = await fetch(this.origin + path, { method, body, headers: { ...headers, ...options.headers }, redirect: "manual" });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0]!;
    return res;
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request("GET", path, { headers });
  }

  post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request("POST", path, { form, headers });
  }

  async logIn(login: string, password = `kizuna-${login}`): Promise<this> {
    const res = await this.post("/login", { login, password, next: "/" });
    if (res.status !== 302) throw new Error(`login as ${login} failed: ${res.status}`);
    return this;
  }

  /** The session secret this agent holds (the cookie's value). */
  get secret(): string {
    return decodeURIComponent(this.cookie.split("=").slice(1).join("="));
  }
}

/** Every table's content as one hash each: equal fingerprints mean an unchanged database. */
export async function fingerprint(db: Database): Promise<Map<string, string>> {
  const tables = await db.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
  );
  // One round trip for the whole database.
  const rows = await db.query<{ name: string; h: string }>(
    tables
      .map(({ name }) => `SELECT '${name}' AS name, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h FROM "${name}" t`)
      .join(" UNION ALL "),
  );
  return new Map(rows.map((r) => [r.name, r.h]));
}

/** The tables whose content differs between two fingerprints. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}

export async function userId(db: Database, login: string): Promise<number> {
  const [row] = await db.query<{ id: number }>("SELECT id FROM users WHERE login = $1", [login]);
  if (!row) throw new Error(`no user ${login}`);
  return row.id;
}

/** Whether a response is the redirect to the login page that every protected route sends. */
export function isLoginRedirect(res: Response): boolean {
  return res.status === 302 && (res.headers.get("location") ?? "").startsWith("/login");
}
