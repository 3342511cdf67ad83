import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../cli/operations";
import { clausesOf } from "../../drafting/clauses";
import { loadDraftDoc } from "../../drafting/drafts";
import { chromiumAvailable, launchChromium, loggedInPage } from "../support/browser";
import { Agent, startSecurityApp, type SecurityApp } from "./harness";
import { ALL_PAYLOADS, chunks, XSS_CORPUS } from "./xss-corpus";

// The XSS corpus through every field a person can type into, over HTTP as the forms send
// it, then every page that shows those fields opened in Chromium: nothing may run, and no
// element the payloads describe may exist. CSP would stop most of them anyway; the checks
// below look for the markup itself, so a lapse in escaping is caught even when CSP holds.

const TERM = "攻撃検証";
const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Tags as the record form reads them (split on commas and spaces), at most 50 characters each. */
const TAG_PIECES = [...new Set(ALL_PAYLOADS.split(/[,、，\s]+/).filter((t) => t && t.length <= 50))];

/** A Markdown body that puts every payload in every construct the body supports. */
const PAYLOAD_BODY = XSS_CORPUS.map(({ text }, i) => `## ${text}\n${TERM}${i}：${text}\n- ${text}\n${i + 1}. ${text}`).join("\n");

function egovXml(title: string, sentences: string[]): string {
  const articles = sentences
    .map(
      (text, i) => `<Article Num="${i + 1}"><ArticleCaption>（${escapeXml(text.slice(0, 40))}）</ArticleCaption><ArticleTitle>第${i + 1}条</ArticleTitle>` +
        `<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence Num="1" WritingMode="horizontal">${escapeXml(text)}</Sentence></ParagraphSentence></Paragraph></Article>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Law Era="Reiwa" Year="7" Num="9" LawType="Misc" Lang="ja"><LawBody><LawTitle>${escapeXml(title)}</LawTitle><MainProvision>${articles}</MainProvision></LawBody></Law>`;
}

/** Hooks installed before any script of the page: every way a payload could announce itself. */
const HOOKS = () => {
  const w = window as unknown as { __xss: string[]; __csp: string[] };
  w.__xss = [];
  w.__csp = [];
  for (const name of ["alert", "confirm", "prompt", "print"] as const) {
    (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      w.__xss.push(`${name}(${String(args[0])})`);
      return null;
    };
  }
  document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
};

/** What the payloads would leave in the DOM if any escaped: handlers, script URLs, frames, inline scripts without our nonce. */
const AUDIT = () => {
  const found: string[] = [];
  const urlAttributes = /^(href|src|action|formaction|xlink:href|data|poster|background)$/i;
  for (const el of Array.from(document.querySelectorAll("*"))) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) found.push(`<${el.tagName.toLowerCase()} ${attr.name}>`);
      if (urlAttributes.test(attr.name) && /^\s*(javascript|vbscript|data:text\/html)/i.test(attr.value.replace(/[\s\u0000-\u001f]/g, ""))) {
        found.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value.slice(0, 40)}">`);
      }
      if (attr.name === "srcdoc") found.push(`<${el.tagName.toLowerCase()} srcdoc>`);
    }
  }
  for (const el of Array.from(document.querySelectorAll("iframe, frame, object, embed, base, meta[http-equiv], main link"))) found.push(`<${el.tagName.toLowerCase()}>`);
  // Our own <style> (the print page's @page rule) says nothing of scripts or imports.
  for (const el of Array.from(document.querySelectorAll("body style"))) if (/javascript|expression|@import/i.test(el.textContent ?? "")) found.push("<style> from markup");
  for (const script of Array.from(document.querySelectorAll("script"))) {
    if (!script.src && !(script as HTMLScriptElement).nonce) found.push(`<script> without nonce: ${script.textContent?.slice(0, 40)}`);
    if (script.src && !script.src.startsWith(location.origin)) found.push(`<script src=${script.src}>`);
  }
  for (const el of Array.from(document.querySelectorAll("svg script, svg a, svg animate, math"))) found.push(`<${el.tagName.toLowerCase()}> from markup`);
  return found;
};

describe.skipIf(!chromiumAvailable)("XSS corpus through every text field, checked in Chromium", () => {
  let s: SecurityApp;
  let browser: Browser;
  let pt: Agent;
  let study: Agent;
  let admin: Agent;
  const ids = { record: 0, draft: 0, versionA: 0, versionB: 0, batch: "" };
  const pages: string[] = [];

  beforeAll(async () => {
    [s, browser] = await Promise.all([startSecurityApp(), launchChromium()]);
    [pt, study, admin] = await Promise.all([new Agent(s.origin).logIn("pt1"), new Agent(s.origin).logIn("study1"), new Agent(s.origin).logIn("admin")]);
    const ok = async (res: Response | Promise<Response>, what: string) => {
      const r = await res;
      if (r.status >= 400) throw new Error(`${what}: ${r.status} ${(await r.text()).slice(0, 300)}`);
      return r;
    };

    // Knowledge records: titles, summaries, bodies, tags, charts, source URL; then decisions, link reasons, an edit note.
    const titles = chunks(300);
    for (const [i, title] of titles.entries()) {
      const res = await ok(
        pt.post("/knowledge/new", {
          kind: "measure",
          title,
          summary: chunks(2000)[i % chunks(2000).length]!,
          bodyText: i === 0 ? PAYLOAD_BODY : `${TERM} ${title}`,
          freeTags: TAG_PIECES.slice(i * 20, i * 20 + 20).join(" "),
          note: "",
          sourceUrl: "https://example.com/\"onmouseover=\"alert(1)",
          chartsJson: JSON.stringify([{ title: XSS_CORPUS[i]!.text.slice(0, 200), unit: "<b>人</b>", bars: XSS_CORPUS.slice(0, 10).map((x, j) => ({ label: x.text.slice(0, 100), value: j + 1 })) }]),
        }),
        `record ${i}`,
      );
      if (i === 0) ids.record = Number(res.headers.get("location")!.split("/").pop());
    }
    for (const text of chunks(4000, "\n")) {
      await ok(pt.post(`/knowledge/${ids.record}`, { intent: "addDecision", text, decidedOn: "令和5年6月21日", sourceAnchor: "" }), "decision");
    }
    const others = await s.db.query<{ id: number }>("SELECT id FROM records WHERE id <> $1 ORDER BY id LIMIT 4", [ids.record]);
    for (const [i, reason] of chunks(1000).entries()) {
      await ok(pt.post(`/knowledge/${ids.record}`, { intent: "addLink", targetId: String(others[i % others.length]!.id), direction: i % 2 ? "in" : "out", hereAnchor: "", targetAnchor: "", reason }), "link");
    }
    const [{ revision }] = await s.db.query<{ revision: number }>("SELECT revision FROM records WHERE id = $1", [ids.record]);
    await ok(pt.post(`/knowledge/${ids.record}/edit`, { kind: "measure", title: titles[0]!, summary: "", bodyText: PAYLOAD_BODY, note: chunks(1000)[0]!, revision: String(revision) }), "edit note");

    // A draft imported from e-Gov XML whose text is the corpus, with a hostile title and file name.
    const importRes = await ok(
      pt.request("POST", "/drafts", {
        // Remix's multipart parser cannot read "=" or ";" in a file name (files.test.ts): hostile names without them.
        multipart: { fields: { title: chunks(300)[1]! }, files: [{ name: "\"><svg><script>alert(1)</script>.xml", content: egovXml(chunks(300)[2]!, chunks(500)), type: "application/xml" }] },
      }),
      "draft import",
    );
    ids.draft = Number(importRes.headers.get("location")!.split("/").pop());
    const { draft, doc } = await loadDraftDoc(s.db, ids.draft);
    const paragraphs = [...clausesOf(doc, draft.numberingStyle).values()].filter((c) => c.kind === "paragraph" || c.kind === "article");
    const versions = `/drafts/${ids.draft}/versions`;
    await ok(pt.post(versions, { label: "取込み時", note: chunks(2000)[0]! }), "version A");

    // Comments, suggestions (two accepted, so the text changes), replies, responses, evidence.
    const comments = `/drafts/${ids.draft}/comments`;
    const created: number[] = [];
    for (const [i, body] of chunks(600).entries()) {
      const res = await ok(
        study.post(comments, { intent: "create", clauseId: paragraphs[i % paragraphs.length]!.id, kind: "suggestion", body: `@pt1 ${body}`, suggestion: chunks(600)[(i + 1) % chunks(600).length]! }),
        "comment",
      );
      created.push((await res.json()).commentId);
    }
    for (const id of created.slice(0, 2)) await ok(pt.post(comments, { intent: "accept", commentId: String(id) }), "accept");
    for (const [i, id] of created.slice(2).entries()) {
      await ok(pt.post(comments, { intent: "reply", commentId: String(id), body: chunks(600)[i % chunks(600).length]! }), "reply");
      await ok(pt.post(comments, { intent: "dispose", commentId: String(id), disposition: "reference", response: chunks(600)[(i + 3) % chunks(600).length]! }), "dispose");
    }
    for (const [i, reason] of chunks(1000).slice(0, 2).entries()) {
      const target = i === 0 ? ids.record : others[0]!.id;
      await ok(pt.post(comments, { intent: "addEvidence", clauseId: paragraphs[0]!.id, targetType: "record", targetId: String(target), targetAnchor: "", reason }), "evidence");
    }
    await ok(pt.post(versions, { label: "意見反映後", note: chunks(2000).at(-1)! }), "version B");
    await Promise.all(chunks(100).map((label) => ok(pt.post(versions, { label, note: label }), "version label")));
    const listed = await s.db.query<{ id: number; label: string }>("SELECT id, label FROM draft_versions WHERE draft_id = $1 ORDER BY id", [ids.draft]);
    ids.versionA = listed.find((v) => v.label === "取込み時")!.id;
    ids.versionB = listed.find((v) => v.label === "意見反映後")!.id;

    // Imported files: hostile names and text.
    ids.batch = crypto.randomUUID();
    await ok(
      pt.request("POST", "/knowledge/import", {
        multipart: {
          fields: { intent: "upload", batch: ids.batch },
          files: [
            // The upload handler keeps what follows the last "/" of a name, so these names have none.
            { name: "攻撃<svg onload&#61alert(1)>.md", content: `# <img src=x onerror=alert(1)>\n${PAYLOAD_BODY}`, type: "text/markdown" },
            // … nor ";" nor "=", which Remix's multipart parser cannot read (files.test.ts).
            { name: "\"><img src&#61x onerror&#61alert(1)>.txt", content: ALL_PAYLOADS, type: "text/plain" },
          ],
        },
      }),
      "import",
    );

    // Display names, through the admin form; one of those members comments too.
    // In parallel: each account costs a memory-hard hash on the server.
    await Promise.all(
      chunks(100).map((displayName, i) =>
        ok(admin.post("/admin", { intent: "add", login: `xss${i}`, displayName, role: "study", password: "xss-password-1", departmentId: "" }), "user"),
      ),
    );
    const named = await new Agent(s.origin).logIn("xss0", "xss-password-1");
    await ok(named.post(comments, { intent: "create", clauseId: paragraphs[0]!.id, kind: "comment", body: "表示名の確認" }), "named comment");
    await s.app.services.search.indexer.drain();
  });

  afterAll(async () => {
    await browser?.close();
    await s?.close();
    console.log(`[security] XSS: ${XSS_CORPUS.length} payloads, ${pages.length} pages checked in Chromium`);
  });

  it("has at least 50 payloads in at least 12 families", () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(XSS_CORPUS.map((x) => x.kind)).size).toBeGreaterThanOrEqual(12);
    const texts = XSS_CORPUS.map((x) => x.text);
    expect(texts.filter((t, i) => texts.indexOf(t) !== i)).toEqual([]);
  });

  it("refuses a javascript: source URL with a Japanese message", async () => {
    for (const url of ["javascript:alert(1)", " javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example"]) {
      const res = await pt.post("/knowledge/new", { kind: "measure", title: "出典の確認", summary: "", bodyText: "", note: "", sourceUrl: url });
      expect(res.status, url).toBe(400);
      expect(await res.text()).toContain("出典URLは http:// または https:// で始まるアドレスを入力してください。");
    }
  });

  /** One signed-in browser per person, with the hooks in every page it opens from then on. */
  const sessions = new Map<string, Page>();
  async function pageOf(login: string): Promise<Page> {
    if (!sessions.has(login)) {
      const page = await loggedInPage(browser, s.origin, login, { width: 1360, height: 1000 });
      await page.context().addInitScript(HOOKS);
      sessions.set(login, page);
    }
    return sessions.get(login)!;
  }

  /** Opens a page with the hooks in place and checks that nothing ran and nothing dangerous is in the DOM. */
  async function check(page: Page, path: string, expectText: string, ready?: (page: Page) => Promise<unknown>) {
    const dialogs: string[] = [];
    const consoleErrors: string[] = [];
    const onDialog = (d: import("playwright-core").Dialog) => {
      dialogs.push(d.message());
      void d.dismiss();
    };
    const onConsole = (m: import("playwright-core").ConsoleMessage) => {
      if (/Content Security Policy|Refused to|xss|alert/i.test(m.text())) consoleErrors.push(m.text());
    };
    page.on("dialog", onDialog);
    page.on("console", onConsole);
    const res = await page.goto(s.origin + path);
    expect(res?.status(), path).toBe(200);
    await page.locator("html[data-hydrated]").waitFor();
    await ready?.(page);
    await page.waitForTimeout(300);
    // The corpus really is on the page, as text.
    expect(await page.evaluate(() => document.body.innerText), path).toContain(expectText);
    const fired = await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss);
    // zod (bundled for the route modules) probes for `new Function` once and catches the refusal:
    // CSP reports it as an eval from our own bundle. Anything else is a finding.
    const csp = (await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).filter(
      (v) => !(v.startsWith("script-src eval ") && v.includes(` at ${s.origin}/build/`)),
    );
    const audit = await page.evaluate(AUDIT);
    page.off("dialog", onDialog);
    page.off("console", onConsole);
    pages.push(path);
    expect({ path, fired, dialogs, csp, consoleErrors, audit }).toEqual({ path, fired: [], dialogs: [], csp: [], consoleErrors: [], audit: [] });
  }

  it("runs nothing on the knowledge pages: list, record, history", async () => {
    const page = await pageOf("pt1");
    await check(page, "/knowledge", "<script>alert(1)</script>");
    await check(page, `/knowledge/${ids.record}`, "<img src=x onerror=alert(1)>");
    await check(page, `/knowledge/${ids.record}/history`, "<svg onload=alert(1)>");
  });

  it("runs nothing on the search page: highlighted hits and a hostile query", async () => {
    const page = await pageOf("pt1");
    await check(page, `/search?q=${encodeURIComponent(TERM)}`, "onerror=alert(1)", (p) => p.locator("mark").first().waitFor());
    const query = chunks(300)[0]!;
    await check(page, `/search?q=${encodeURIComponent(query)}`, XSS_CORPUS[0]!.text);
    expect(await page.title()).toContain(XSS_CORPUS[0]!.text);
  });

  it("runs nothing on the draft page with its comments panel, the versions list and the 新旧対照表", async () => {
    const page = await pageOf("pt1");
    await check(page, `/drafts/${ids.draft}`, "<svg onload=alert(1)>", async (p) => {
      await p.locator(".ordinance-editor .num-article").first().waitFor();
      await p.locator(".comment-thread").first().waitFor();
    });
    await check(page, `/drafts/${ids.draft}/versions`, "<script>alert(1)</script>");
    await check(page, `/drafts/${ids.draft}/compare?from=${ids.versionA}&to=${ids.versionB}`, "onerror=alert(1)");
  });

  it("runs nothing on the 意見対応表 print page, the import preview and the home page", async () => {
    const page = await pageOf("pt1");
    await check(page, `/drafts/${ids.draft}/comments/print`, "<svg onload=alert(1)>");
    await check(page, `/knowledge/import?batch=${ids.batch}`, "攻撃<svg onload&#61alert(1)>.md");
    await check(page, "/", "<script>alert(1)</script>");
  });

  it("runs nothing on the admin users page", async () => {
    const page = await pageOf("admin");
    await check(page, "/admin", XSS_CORPUS[0]!.text);
  });

  it("notices a payload that does get through: the hooks and the DOM audit themselves work", async () => {
    const page = await pageOf("pt1");
    await page.goto(`${s.origin}/decisions`);
    await page.locator("html[data-hydrated]").waitFor();
    await page.evaluate(() => {
      document.querySelector("main")!.insertAdjacentHTML("beforeend", '<img src=x onerror="alert(1)"><a href="javascript:alert(2)">x</a>');
      window.alert("direct");
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss)).toEqual(["alert(direct)"]);
    // CSP refused the inline handler (and said so), and the audit finds what was injected.
    expect((await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).join("\n")).toMatch(/^script-src/m);
    expect(await page.evaluate(AUDIT)).toEqual(expect.arrayContaining(["<img onerror>", '<a href="javascript:alert(2)">']));
  });

  it("keeps the corpus inert in the downloads: CSV formulas quoted, the 新旧対照表 HTML escaped", async () => {
    const csv = await (await pt.get(`/drafts/${ids.draft}/comments/export?format=csv`)).text();
    const fields = [...csv.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,\r\n]*))/gm)].map((m) => (m[1] ?? m[2] ?? "").replace(/""/g, '"'));
    expect(fields.some((f) => f.includes("HYPERLINK"))).toBe(true);
    expect(fields.filter((f) => /^[=+\-@]/.test(f))).toEqual([]);
    const html = ((await operations.compare(s.app.services, { a: String(ids.versionA), b: String(ids.versionB), format: "html" })) as { body: string }).body;
    expect(html).toMatch(/&(lt|#60|#x3c);/i);
    expect(html).not.toMatch(/<(script|img|svg|iframe|object|embed|math)[\s>/]/i);
    expect(XSS_CORPUS.filter((x) => x.text.includes("<") && html.includes(x.text)).map((x) => x.text)).toEqual([]);
  });
});
