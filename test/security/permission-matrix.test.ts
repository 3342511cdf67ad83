import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, can, type Actor } from "../../auth/policy";
import { ROLES, type Role } from "../../auth/roles";
import { hashPassword } from "../../auth/password";
import { createUser } from "../../auth/users";
import { operations, isOperationName } from "../../cli/operations";
import { acceptSuggestion } from "../../comments/accept";
import { createComment } from "../../comments/comments";
import { addClauseEvidence } from "../../comments/evidence";
import { clausesOf } from "../../drafting/clauses";
import { createDraft, loadDraftDoc } from "../../drafting/drafts";
import { saveVersion } from "../../drafting/versions";
import { importFile } from "../../knowledge/import";
import { addLink } from "../../knowledge/links";
import { createRecord } from "../../knowledge/records";
import { buildDoc, ensureIds } from "../../ordinance/model";
import { SynonymStore } from "../../search/synonym-store";
import { startControlServer } from "../../server/control";
import { CLI_OPERATIONS } from "./cli-table";
import { Agent, changedTables, fingerprint, startSecurityApp, userId, type RequestOptions, type SecurityApp } from "./harness";
import { expectedOutcome, intentsInSource, routePattern, ROUTES, type Fixtures, type Outcome, type RouteRow } from "./route-table";

// The permission matrix: every route × every role × GET and every action intent, with the
// expected outcome derived from auth/policy.ts through the declared table in route-table.ts.
// Refused requests must change nothing in the database. Every response also carries the
// security headers, and every state-changing request is refused when it comes from another
// origin. The table itself is checked against app/routes and cli/operations.ts.

const ROUTES_DIR = path.resolve("app/routes");
const routeFiles = readdirSync(ROUTES_DIR).filter((f) => /\.(tsx?|jsx?)$/.test(f));
const source = (file: string) => readFileSync(path.join(ROUTES_DIR, file), "utf8");

type Who = Role | "anonymous" | "deactivated";
const WHO: Who[] = [...ROLES, "anonymous", "deactivated"];
const LOGINS: Record<Role, string> = { admin: "admin", pt: "pt1", study: "study1", staff: "staff1" };

/** The actor the server should see: none for an anonymous visitor or a deactivated account. */
function actorOf(who: Who): Actor | null {
  return who === "anonymous" || who === "deactivated" ? null : { id: 0, role: who, active: true };
}

/** Request variants a route exposes (GET plus each intent), for the completeness check and the counts. */
const cases = ROUTES.flatMap((row) => [
  { row, method: "GET" as const, intent: null },
  ...Object.keys(row.post ?? {}).map((intent) => ({ row, method: "POST" as const, intent })),
]);

describe("the declared permission table", () => {
  it("has exactly one row per file in app/routes, and each sample URL is that file's route", () => {
    expect(ROUTES.map((r) => r.file).sort()).toEqual([...routeFiles].sort());
    const samples: Fixtures = new Proxy({} as Fixtures, { get: (_t, key) => (key === "versionIds" ? [7, 8] : key === "unique" ? (p: string) => p : 7) });
    for (const row of ROUTES) expect(new URL(row.path(samples), "http://x").pathname, row.file).toMatch(routePattern(row.file));
  });

  it("declares a loader and an action exactly where the route module has them, and every intent its action handles", () => {
    for (const row of ROUTES) {
      const text = source(row.file);
      const postOnly = /export const loader = postOnly;/.test(text);
      const hasLoader = !postOnly && /export (async )?function loader\b|export const loader\b/.test(text);
      const hasAction = /export (async )?function action\b|export const action\b/.test(text);
      expect(row.get !== "post only", `${row.file}: loader`).toBe(hasLoader);
      expect(row.get === "post only", `${row.file}: loader = postOnly`).toBe(postOnly);
      expect(Boolean(row.post), `${row.file}: action`).toBe(hasAction);
      const declared = new Set(Object.keys(row.post ?? {}).map((k) => k.replace(/ \(.*\)$/, "")));
      for (const intent of intentsInSource(text)) expect(declared, `${row.file} handles intent "${intent}"`).toContain(intent);
    }
  });

  it("names only actions that auth/policy.ts defines, and every action is needed somewhere", () => {
    const used = new Set<string>();
    for (const row of ROUTES) {
      for (const rule of [row.get, ...Object.values(row.post ?? {}).map((c) => c.rule)]) {
        if (rule !== "post only" && rule.kind === "can") rule.anyOf.forEach((a) => used.add(a));
      }
    }
    for (const a of used) expect(ACTIONS).toContain(a);
    // record.read … settings.manage: a right no route checks is either dead or checked somewhere untested.
    expect([...ACTIONS].filter((a) => !used.has(a))).toEqual([]);
  });

  it("lists every CLI operation, and each web counterpart is a declared route or intent", () => {
    expect(Object.keys(CLI_OPERATIONS).sort()).toEqual(Object.keys(operations).sort());
    for (const [name, op] of Object.entries(CLI_OPERATIONS)) {
      if (!op.web) continue;
      const row = ROUTES.find((r) => r.file === op.web!.file);
      expect(row, name).toBeDefined();
      if (op.web.intent !== undefined) expect(Object.keys(row!.post ?? {}), name).toContain(op.web.intent);
      else expect(row!.get, name).not.toBe("post only");
    }
  });

  it("refuses everything to an inactive account at the policy level", () => {
    for (const role of ROLES) for (const action of ACTIONS) expect(can({ id: 1, role, active: false }, action)).toBe(false);
  });
});

describe("permission matrix over HTTP", () => {
  let s: SecurityApp;
  const agents = {} as Record<Who, Agent>;
  let fx: Fixtures;
  let tried = 0;

  beforeAll(async () => {
    s = await startSecurityApp();
    const db = s.db;
    for (const role of ROLES) agents[role] = await new Agent(s.origin).logIn(LOGINS[role]);
    agents.anonymous = new Agent(s.origin);
    // A PT account that is deactivated while its session row still exists: only the
    // account's state stands between this cookie and a PT member's rights.
    await createUser(db, { login: "gone.pt", role: "pt", password: "gone-password-1" });
    agents.deactivated = await new Agent(s.origin).logIn("gone.pt", "gone-password-1");
    await db.query("UPDATE users SET active = false WHERE login = 'gone.pt'");

    const scratchHash = await hashPassword("scratch-password-1");
    let n = 0;
    const unique = (prefix: string) => `${prefix}${++n}`;
    const pt1: Actor = { id: await userId(db, "pt1"), role: "pt", active: true };
    const study2 = { id: await userId(db, "study2"), role: "study" as const, active: true };
    const doc0 = ensureIds(buildDoc({ title: "行列試験の条例案", main: [{ caption: "目的", paragraphs: ["この条例は、孤独・孤立の防止を目的とする。"] }] }));
    const draftId = await createDraft(db, { title: "行列試験の条例案", doc: doc0 }, null);
    const { draft, doc } = await loadDraftDoc(db, draftId);
    const clauses = [...clausesOf(doc, draft.numberingStyle).values()];
    const clauseId = (clauses.find((c) => c.kind === "paragraph") ?? clauses[0]!).id;
    const v1 = await saveVersion(db, draftId, { label: "第1次案" }, null);
    const v2 = await saveVersion(db, draftId, { label: "第2次案" }, null);
    const records = await db.query<{ id: number; kind: string }>("SELECT id, kind FROM records ORDER BY id");
    const imported = await db.transaction((tx) => importFile(tx, { fileName: "matrix.txt", bytes: new TextEncoder().encode("行列試験の原本。") }, { actorId: null }));
    const [{ fileId }] = await db.query<{ fileId: number }>(`SELECT source_file_id AS "fileId" FROM records WHERE id = $1`, [imported.id]);
    const editable = await createRecord(db, { kind: "measure", title: "行列試験の記録" }, { actorId: null });
    const freshRecord = () => createRecord(db, { kind: "measure", title: unique("リンク先") }, { actorId: null });
    const comment = async (kind: "comment" | "suggestion" = "comment") =>
      (await createComment(db, study2, { draftId, clauseId, kind, body: "行列試験の対象の意見", suggestion: kind === "suggestion" ? unique("修文") : null })).id;
    fx = {
      draftId,
      clauseId,
      recordId: records[0]!.id,
      minutesRecordId: records.find((r) => r.kind === "minutes")!.id,
      editableRecordId: editable,
      fileId: fileId!,
      versionIds: [v1.id, v2.id],
      memberId: study2.id,
      egovXml: readFileSync("test/fixtures/egov/kodoku-koritsu-jorei.xml", "utf8"),
      unique,
      comment,
      async acceptedSuggestion() {
        const id = await comment("suggestion");
        await acceptSuggestion(db, pt1, id);
        return id;
      },
      evidenceLink: async () => addClauseEvidence(db, pt1, { draftId, clauseId, target: { type: "record", id: await freshRecord() }, reason: unique("根拠") }),
      recordLink: async () => addLink(db, { type: "record", id: records[0]!.id }, { type: "record", id: await freshRecord() }, unique("理由"), null),
      freshRecord,
      async synonymGroup() {
        await new SynonymStore(db).add(`${unique("戊")}、${unique("己")}`, null);
        const [{ id }] = await db.query<{ id: number }>("SELECT max(id)::int AS id FROM search_synonyms");
        return id!;
      },
      // Straight into the table with one hash made up front: scrypt per account would dominate the run.
      scratchUser: async () =>
        (await db.query<{ id: number }>("INSERT INTO users (login, display_name, role, password_hash) VALUES ($1, $1, 'staff', $2) RETURNING id", [unique("scratch"), scratchHash]))[0]!.id,
      async revisionOf(recordId) {
        const [{ revision }] = await db.query<{ revision: number }>("SELECT revision FROM records WHERE id = $1", [recordId]);
        return revision!;
      },
    };
  });
  afterAll(async () => {
    await s?.close();
    console.log(`[security] permission matrix: ${tried} requests over ${ROUTES.length} routes, ${cases.length} route×method cases, ${WHO.length} roles`);
  });

  /** What a response amounts to, in the matrix's three words (anything else is reported as is). */
  function outcomeOf(res: Response, body?: string): Outcome | string {
    const location = res.headers.get("location") ?? "";
    if (res.status === 302 && location.startsWith("/login?next=")) return "login";
    if (res.status === 403) return "forbidden";
    // A JSON answer that says it did not do it is no success, whatever its status.
    if (body && /^application\/json/.test(res.headers.get("content-type") ?? "") && JSON.parse(body).ok === false) return `refused with ${res.status}`;
    if (res.status < 400) return "ok";
    return `status ${res.status}`;
  }

  /** Every response of the site, whatever it says: the headers that keep a page from being framed, sniffed or scripted. */
  function expectSecurityHeaders(res: Response, what: string) {
    const csp = res.headers.get("content-security-policy") ?? "";
    const scriptSrc = /(?:^|;\s*)script-src ([^;]*)/.exec(csp)?.[1] ?? /(?:^|;\s*)default-src ([^;]*)/.exec(csp)?.[1];
    expect(scriptSrc, `${what}: CSP script-src`).toBeDefined();
    expect(scriptSrc, what).not.toMatch(/unsafe-inline|unsafe-eval|(^|\s)\*|data:|blob:|https?:/);
    expect(csp, what).toMatch(/frame-ancestors 'none'/);
    expect(csp, what).toMatch(/object-src 'none'/);
    // A route may repeat what the middleware set ("nosniff, nosniff"): every value must say it.
    expect(res.headers.get("x-content-type-options")?.split(/,\s*/), what).toSatisfy((v: string[] | undefined) => Boolean(v?.length && v.every((x) => x === "nosniff")));
    expect(res.headers.get("x-frame-options"), what).toBe("DENY");
    expect(res.headers.get("referrer-policy"), what).toMatch(/^(same-origin|no-referrer|strict-origin(-when-cross-origin)?)$/);
  }

  /** Anything that is not a page or JSON is a download: always an attachment. */
  function expectDownloadIsAttachment(res: Response, what: string) {
    const type = res.headers.get("content-type") ?? "";
    if (res.status !== 200 || /^(text\/html|application\/json)/.test(type)) return;
    expect(res.headers.get("content-disposition"), `${what} (${type})`).toMatch(/^attachment;/);
  }

  function agentFor(who: Who): Agent {
    const agent = new Agent(s.origin);
    agent.cookie = agents[who].cookie;
    return agent;
  }

  async function send(who: Who, method: string, url: string, options: RequestOptions, ownSession = false): Promise<Response> {
    tried++;
    const agent = ownSession && who in LOGINS ? await new Agent(s.origin).logIn(LOGINS[who as Role]) : agentFor(who);
    const res = await agent.request(method, url, options);
    expectSecurityHeaders(res, `${who} ${method} ${url}`);
    return res;
  }

  const paths = (row: RouteRow) => row.path(fx);

  it.each(ROUTES.map((row) => [row.file, row] as const))("GET %s", async (_file, row) => {
    const results = await Promise.all(
      WHO.map(async (who) => {
        const res = await send(who, "GET", paths(row), {});
        expectDownloadIsAttachment(res, `${who} GET ${paths(row)}`);
        await res.arrayBuffer();
        if (row.get === "post only") {
          return { who, got: res.status === 405 && res.headers.get("allow") === "POST" ? "405, Allow: POST" : `status ${res.status}`, want: "405, Allow: POST" };
        }
        return { who, got: outcomeOf(res), want: expectedOutcome(row.get, actorOf(who)) };
      }),
    );
    expect(results.map((r) => `${r.who}: ${r.got}`)).toEqual(results.map((r) => `${r.who}: ${r.want}`));
  });

  const postCases = ROUTES.flatMap((row) => Object.entries(row.post ?? {}).map(([intent, c]) => [`${row.file} ${intent || "(action)"}`, row, intent, c] as const));

  it.each(postCases)("POST %s", async (_name, row, _intent, postCase) => {
    const url = paths(row);
    const plan = WHO.map((who) => ({ who, want: expectedOutcome(postCase.rule, actorOf(who)) }));
    const report: string[] = [];
    // Refused first, all together between two fingerprints of the whole database.
    const refused = plan.filter((p) => p.want !== "ok");
    if (refused.length) {
      const bodies = await Promise.all(refused.map(() => postCase.request(fx)));
      const before = await fingerprint(s.db);
      const responses = await Promise.all(refused.map((p, i) => send(p.who, "POST", url, bodies[i]!, postCase.ownSession)));
      for (const [i, res] of responses.entries()) {
        await res.arrayBuffer();
        report.push(`${refused[i]!.who}: ${outcomeOf(res)}`);
      }
      expect(changedTables(before, await fingerprint(s.db)), `${row.file}: refused requests changed the database`).toEqual([]);
    }
    // Allowed ones one by one, each with its own target.
    for (const p of plan.filter((q) => q.want === "ok")) {
      const res = await send(p.who, "POST", url, await postCase.request(fx), postCase.ownSession);
      const body = await res.text();
      const got = outcomeOf(res, body);
      report.push(`${p.who}: ${got}${got === "ok" ? "" : ` ${body.slice(0, 200)}`}`);
    }
    const order = (lines: string[]) => [...lines].sort();
    expect(order(report)).toEqual(order(plan.map((p) => `${p.who}: ${p.want}`)));
  });

  it("lets the author edit, delete and resolve their own comment, which the matrix refuses everyone else", async () => {
    const author = await new Agent(s.origin).logIn("study2");
    const url = `/drafts/${fx.draftId}/comments`;
    for (const intent of ["edit", "resolve", "delete"]) {
      const id = String(await fx.comment());
      const res = await author.post(url, { intent, commentId: id, body: "本人による修正", suggestion: "" });
      expect(res.status, intent).toBe(200);
      expect((await res.json()).ok, intent).toBe(true);
    }
  });

  it("refuses a cross-origin request to every state-changing route before it runs, even from a user who may", async () => {
    const author = await new Agent(s.origin).logIn("study2");
    const hostile: { method: string; headers: Record<string, string> }[] = [
      { method: "POST", headers: { origin: "https://evil.example" } },
      { method: "POST", headers: { origin: "null" } },
      { method: "POST", headers: { origin: s.origin.replace(/:\d+$/, ":1") } },
      { method: "POST", headers: { origin: "", "sec-fetch-site": "cross-site" } },
      ...["PUT", "PATCH", "DELETE"].map((method) => ({ method, headers: { origin: "https://evil.example" } })),
    ];
    // Each attempt is one the same person could make from our own pages (the matrix says so).
    const attempts = [];
    for (const [name, row, , postCase] of postCases) {
      const who = (["pt", "staff", "admin", "study", "anonymous"] as Who[]).find((w) => expectedOutcome(postCase.rule, actorOf(w)) === "ok");
      for (const { method, headers } of hostile) attempts.push({ name, url: paths(row), agent: who ? agentFor(who) : author, method, headers, body: await postCase.request(fx) });
    }
    const before = await fingerprint(s.db);
    for (const { name, url, agent, method, headers, body } of attempts) {
      const res = await agent.request(method, url, { ...body, headers });
      tried++;
      expect(res.status, `${name} ${method} ${JSON.stringify(headers)}`).toBe(403);
      expect(await res.text()).toContain("別のサイトからの送信は受け付けていません");
    }
    expect(changedTables(before, await fingerprint(s.db))).toEqual([]);
  });

  it("serves the headers on static files, the 404 page and a broken request as well", async () => {
    const anonymous = new Agent(s.origin);
    const home = await (await agents.pt.get("/")).text();
    const asset = /"(\/build\/[^"]+\.js)"/.exec(home)?.[1];
    expect(asset).toBeDefined();
    for (const url of [asset!, "/favicon.svg", "/no/such/page", "/knowledge/%E0%A4%A"]) {
      const res = await anonymous.get(url);
      expectSecurityHeaders(res, url);
      await res.arrayBuffer();
    }
  });

  // The CLI's door into a running server, on the same app.
  describe("the control socket", () => {
    let dir: string;
    let control: { close(): Promise<void> };
    const socketPath = () => path.join(dir, "kizuna.sock");
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), "kizuna-sec-"));
      control = await startControlServer(s.app.services, socketPath());
    });
    afterAll(async () => {
      await control?.close();
      await rm(dir, { recursive: true, force: true });
    });

    function call(body: string, method = "POST", url = "/run"): Promise<{ status: number; text: string }> {
      return new Promise((resolve, reject) => {
        const req = http.request({ socketPath: socketPath(), path: url, method, headers: { "content-type": "application/json" } }, (res) => {
          let text = "";
          res.on("data", (c) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode!, text }));
        });
        req.on("error", reject);
        req.end(body);
      });
    }

    it("is a socket only its owner may open", async () => {
      expect((await stat(socketPath())).mode & 0o777).toBe(0o600);
    });

    it("runs only the operations of the table: not inherited names, paths or other methods", async () => {
      for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "../migrate", "user.add ", "", "USER.ADD"]) {
        expect(isOperationName(name), name).toBe(false);
        const res = await call(JSON.stringify({ name, input: {} }));
        expect(res.status, name).toBe(404);
      }
      for (const name of Object.keys(CLI_OPERATIONS)) expect(isOperationName(name), name).toBe(true);
      expect((await call("", "GET")).status).toBe(404);
      expect((await call(JSON.stringify({ name: "user.list" }), "POST", "/other")).status).toBe(404);
      // A body larger than any command needs is refused unread.
      expect((await call("x".repeat(1024 * 1024 + 10))).status).toBe(413);
      const listed = await call(JSON.stringify({ name: "user.list", input: {} }));
      expect(listed.status).toBe(200);
      expect(JSON.parse(listed.text).result.map((u: { login: string }) => u.login)).toContain("admin");
    });
  });
});
