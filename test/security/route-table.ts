import type { Action } from "../../auth/policy";
import { can, type Actor } from "../../auth/policy";
import type { RequestOptions } from "./harness";

// The declared permission table: every Remix route (one row per file in app/routes), what
// its loader needs, and every intent its action handles with what that needs, in the words
// of auth/policy.ts. The matrix test derives each role's expected outcome from can(), sends
// the request, and checks this table against the filesystem and the route sources, so a new
// route or intent without a row fails the suite.

export type Rule =
  /** Anyone, signed in or not. */
  | { kind: "public" }
  /** Any signed-in, active person. */
  | { kind: "signedIn" }
  /** Someone for whom can() grants at least one of these actions. */
  | { kind: "can"; anyOf: readonly Action[] }
  /** Only the author of the thing acted on (the matrix's actors never are: a comment by study2). */
  | { kind: "author" };

export const PUBLIC: Rule = { kind: "public" };
export const SIGNED_IN: Rule = { kind: "signedIn" };
export const AUTHOR: Rule = { kind: "author" };
export const needs = (...anyOf: Action[]): Rule => ({ kind: "can", anyOf });

export type Outcome = "ok" | "login" | "forbidden";

/** What should happen to `actor` (null: anonymous, or an account the server no longer honours). */
export function expectedOutcome(rule: Rule, actor: Actor | null): Outcome {
  if (rule.kind === "public") return "ok";
  if (!actor) return "login";
  if (rule.kind === "signedIn") return "ok";
  if (rule.kind === "author") return "forbidden";
  return rule.anyOf.some((a) => can(actor, a)) ? "ok" : "forbidden";
}

/** Sample data the rows point at, made by the matrix test before it starts. */
export interface Fixtures {
  draftId: number;
  /** A paragraph of that draft, for comments and evidence. */
  clauseId: string;
  recordId: number;
  minutesRecordId: number;
  /** A record the matrix may edit (kind measure). */
  editableRecordId: number;
  /** An imported original (files.id behind a record). */
  fileId: number;
  versionIds: [number, number];
  /** study2: a member comments can be recorded on behalf of, and the author of every comment acted on. */
  memberId: number;
  egovXml: string;
  unique(prefix: string): string;
  /** A fresh top-level comment by study2 on clauseId. */
  comment(kind?: "comment" | "suggestion"): Promise<number>;
  /** A fresh 修文案 by study2, already accepted by pt1. */
  acceptedSuggestion(): Promise<number>;
  /** A fresh evidence link on clauseId. */
  evidenceLink(): Promise<number>;
  /** A fresh link from recordId to another record. */
  recordLink(): Promise<number>;
  /** A fresh record (kind measure) to link to, so no link is ever a duplicate. */
  freshRecord(): Promise<number>;
  /** A fresh synonym group. */
  synonymGroup(): Promise<number>;
  /** A fresh staff account for the admin actions to act on. */
  scratchUser(): Promise<number>;
  revisionOf(recordId: number): Promise<number>;
}

export interface PostCase {
  rule: Rule;
  /** The request body; may first make what it acts on, so each attempt is independent. */
  request(fx: Fixtures): Promise<RequestOptions> | RequestOptions;
  /** Sent with a session of its own (logging out ends the session it is sent with). */
  ownSession?: boolean;
}

export interface RouteRow {
  /** The file under app/routes. */
  file: string;
  /** The URL tried, with sample ids. */
  path(fx: Fixtures): string;
  /** What the loader needs, or "post only" (the route only takes POSTs: a GET is answered 405). */
  get: Rule | "post only";
  /** Every intent of the action ("" for an action without intents), or none without an action. */
  post?: Record<string, PostCase>;
}

const batchId = () => crypto.randomUUID();

const commentCase = (rule: Rule, build: (fx: Fixtures) => Promise<Record<string, string>>): PostCase => ({
  rule,
  request: async (fx) => ({ form: await build(fx) }),
});

export const ROUTES: RouteRow[] = [
  {
    file: "_index.tsx",
    // ?index: a POST to "/" alone would go to the root layout, which has no action.
    path: () => "/?index",
    get: SIGNED_IN,
    // Marks mentions read: everyone's own notifications.
    post: { "": { rule: SIGNED_IN, request: () => ({ form: { noticeId: "" } }) } },
  },
  {
    file: "admin.tsx",
    path: () => "/admin",
    get: needs("user.manage"),
    post: {
      add: {
        rule: needs("user.manage"),
        request: (fx) => ({ form: { intent: "add", login: fx.unique("m.user"), displayName: "行列 利用者", role: "staff", password: "matrix-password-1", departmentId: "" } }),
      },
      role: { rule: needs("user.manage"), request: async (fx) => ({ form: { intent: "role", userId: String(await fx.scratchUser()), role: "study" } }) },
      deactivate: { rule: needs("user.manage"), request: async (fx) => ({ form: { intent: "deactivate", userId: String(await fx.scratchUser()) } }) },
      activate: { rule: needs("user.manage"), request: async (fx) => ({ form: { intent: "activate", userId: String(await fx.scratchUser()) } }) },
    },
  },
  {
    file: "admin_.search.tsx",
    path: () => "/admin/search",
    get: needs("settings.manage"),
    post: {
      add: { rule: needs("settings.manage"), request: (fx) => ({ form: { intent: "add", terms: `${fx.unique("甲")}、${fx.unique("乙")}` } }) },
      update: {
        rule: needs("settings.manage"),
        request: async (fx) => ({ form: { intent: "update", id: String(await fx.synonymGroup()), terms: `${fx.unique("丙")}、${fx.unique("丁")}` } }),
      },
      remove: { rule: needs("settings.manage"), request: async (fx) => ({ form: { intent: "remove", id: String(await fx.synonymGroup()) } }) },
    },
  },
  {
    file: "api.import.ts",
    path: () => "/api/import",
    get: "post only",
    post: {
      "": {
        rule: needs("record.write"),
        request: (fx) => ({ multipart: { fields: { batch: batchId() }, files: [{ name: `${fx.unique("memo")}.txt`, content: "行列試験の取り込み。", type: "text/plain" }] } }),
      },
    },
  },
  { file: "api.search.ts", path: () => "/api/search?q=%E5%AD%A4%E7%AB%8B", get: needs("record.read") },
  { file: "decisions.tsx", path: () => "/decisions", get: needs("record.read") },
  { file: "drafts.$id.comments.export.tsx", path: (fx) => `/drafts/${fx.draftId}/comments/export?format=csv`, get: needs("draft.read") },
  {
    file: "drafts.$id.comments.ts",
    path: (fx) => `/drafts/${fx.draftId}/comments`,
    get: "post only",
    post: {
      create: commentCase(needs("comment.create"), async (fx) => ({ intent: "create", clauseId: fx.clauseId, kind: "comment", body: "行列試験の意見です。" })),
      // The same intent with onBehalfOf: a member's remark from the minutes, recorded by staff.
      "create (on behalf)": commentCase(needs("comment.onBehalf"), async (fx) => ({
        intent: "create",
        clauseId: fx.clauseId,
        kind: "comment",
        body: "会議での発言です。",
        onBehalfOf: String(fx.memberId),
        minutesRecordId: String(fx.minutesRecordId),
      })),
      reply: commentCase(needs("comment.create"), async (fx) => ({ intent: "reply", commentId: String(await fx.comment()), body: "返信です。" })),
      edit: commentCase(AUTHOR, async (fx) => ({ intent: "edit", commentId: String(await fx.comment()), body: "書き換え", suggestion: "" })),
      delete: commentCase(AUTHOR, async (fx) => ({ intent: "delete", commentId: String(await fx.comment()) })),
      // A PT member resolves any thread, a member only the threads they started.
      resolve: commentCase(needs("comment.dispose"), async (fx) => ({ intent: "resolve", commentId: String(await fx.comment()) })),
      reopen: commentCase(needs("comment.dispose"), async (fx) => ({ intent: "reopen", commentId: String(await fx.comment()) })),
      dispose: commentCase(needs("comment.dispose"), async (fx) => ({ intent: "dispose", commentId: String(await fx.comment()), disposition: "reference", response: "参考とします。" })),
      hide: commentCase(needs("comment.moderate"), async (fx) => ({ intent: "hide", commentId: String(await fx.comment()), reason: "行列試験" })),
      accept: commentCase(needs("comment.dispose"), async (fx) => ({ intent: "accept", commentId: String(await fx.comment("suggestion")) })),
      undoAccept: commentCase(needs("comment.dispose"), async (fx) => ({ intent: "undoAccept", commentId: String(await fx.acceptedSuggestion()) })),
      addEvidence: commentCase(needs("draft.edit", "record.write"), async (fx) => ({
        intent: "addEvidence",
        clauseId: fx.clauseId,
        targetType: "record",
        targetId: String(await fx.freshRecord()),
        targetAnchor: "",
        reason: fx.unique("根拠"),
      })),
      removeEvidence: commentCase(needs("draft.edit", "record.write"), async (fx) => ({ intent: "removeEvidence", linkId: String(await fx.evidenceLink()) })),
    },
  },
  { file: "drafts.$id.export.ts", path: (fx) => `/drafts/${fx.draftId}/export?format=text`, get: needs("draft.read") },
  {
    file: "drafts.$id.tsx",
    path: (fx) => `/drafts/${fx.draftId}`,
    get: needs("draft.read"),
    post: { "": { rule: needs("draft.edit"), request: () => ({ form: { title: "行列試験の条例案", numberingStyle: "horizontal" } }) } },
  },
  { file: "drafts.$id_.comments.print.tsx", path: (fx) => `/drafts/${fx.draftId}/comments/print`, get: needs("draft.read") },
  {
    file: "drafts.$id_.compare.export.ts",
    path: (fx) => `/drafts/${fx.draftId}/compare/export?from=${fx.versionIds[0]}&to=${fx.versionIds[1]}&format=docx`,
    get: needs("draft.read"),
  },
  { file: "drafts.$id_.compare.tsx", path: (fx) => `/drafts/${fx.draftId}/compare?from=${fx.versionIds[0]}&to=current`, get: needs("draft.read") },
  {
    file: "drafts.$id_.versions.$versionId.tsx",
    path: (fx) => `/drafts/${fx.draftId}/versions/${fx.versionIds[0]}`,
    get: needs("draft.read"),
    // Restore: the version's text becomes the current text again.
    post: { "": { rule: needs("draft.edit"), request: () => ({ form: {} }) } },
  },
  {
    file: "drafts.$id_.versions._index.tsx",
    path: (fx) => `/drafts/${fx.draftId}/versions`,
    get: needs("draft.read"),
    post: { "": { rule: needs("draft.edit"), request: (fx) => ({ form: { label: fx.unique("版"), note: "行列試験" } }) } },
  },
  {
    file: "drafts._index.tsx",
    path: () => "/drafts",
    get: needs("draft.read"),
    post: {
      create: { rule: needs("draft.create"), request: () => ({ multipart: { fields: { title: "行列試験の新しい条例案", numberingStyle: "horizontal" } } }) },
      import: {
        rule: needs("draft.create"),
        request: (fx) => ({ multipart: { fields: { title: "" }, files: [{ name: "jorei.xml", content: fx.egovXml, type: "application/xml" }] } }),
      },
    },
  },
  { file: "favicon[.]ico.ts", path: () => "/favicon.ico", get: PUBLIC },
  { file: "files.$id.ts", path: (fx) => `/files/${fx.fileId}`, get: needs("record.read") },
  {
    file: "knowledge.$id._index.tsx",
    path: (fx) => `/knowledge/${fx.recordId}`,
    get: needs("record.read"),
    post: {
      addLink: {
        rule: needs("record.write"),
        request: async (fx) => ({ form: { intent: "addLink", targetId: String(await fx.freshRecord()), direction: "out", hereAnchor: "", targetAnchor: "", reason: fx.unique("理由") } }),
      },
      removeLink: { rule: needs("record.write"), request: async (fx) => ({ form: { intent: "removeLink", linkId: String(await fx.recordLink()) } }) },
      addDecision: {
        rule: needs("record.write"),
        request: (fx) => ({ form: { intent: "addDecision", text: fx.unique("決定"), decidedOn: "令和5年6月21日", sourceAnchor: "" } }),
      },
    },
  },
  {
    file: "knowledge.$id.edit.tsx",
    path: (fx) => `/knowledge/${fx.editableRecordId}/edit`,
    get: needs("record.write"),
    post: {
      "": {
        rule: needs("record.write"),
        request: async (fx) => ({ form: { kind: "measure", title: fx.unique("編集"), summary: "", bodyText: "", note: "", revision: String(await fx.revisionOf(fx.editableRecordId)) } }),
      },
    },
  },
  { file: "knowledge.$id.history.tsx", path: (fx) => `/knowledge/${fx.recordId}/history`, get: needs("record.read") },
  { file: "knowledge._index.tsx", path: () => "/knowledge", get: needs("record.read") },
  {
    file: "knowledge.import.tsx",
    path: () => "/knowledge/import",
    get: needs("record.write"),
    post: {
      upload: {
        rule: needs("record.write"),
        request: (fx) => ({ multipart: { fields: { intent: "upload", batch: batchId() }, files: [{ name: `${fx.unique("memo")}.md`, content: "# 見出し\n本文。", type: "text/markdown" }] } }),
      },
      // Confirming the preview: no intent, the items to save are marked i<id>.save.
      save: { rule: needs("record.write"), request: () => ({ form: { batch: batchId() } }) },
      discard: { rule: needs("record.write"), request: () => ({ form: { intent: "discard", batch: batchId() } }) },
    },
  },
  {
    file: "knowledge.new.tsx",
    path: () => "/knowledge/new",
    get: needs("record.write"),
    post: { "": { rule: needs("record.write"), request: (fx) => ({ form: { kind: "measure", title: fx.unique("新規"), summary: "", bodyText: "", note: "" } }) } },
  },
  {
    file: "login.tsx",
    path: () => "/login",
    get: PUBLIC,
    post: { "": { rule: PUBLIC, request: () => ({ form: { login: "staff1", password: "kizuna-staff1", next: "/" } }) } },
  },
  {
    file: "logout.tsx",
    path: () => "/logout",
    get: PUBLIC,
    post: { "": { rule: PUBLIC, request: () => ({ form: {} }), ownSession: true } },
  },
  { file: "search.tsx", path: () => "/search?q=%E5%AD%A4%E7%AB%8B", get: needs("record.read") },
];

/** The URL pattern Remix's flat routes make of a file name (app/routes/drafts.$id_.versions._index.tsx → /drafts/:id/versions). */
export function routePattern(file: string): RegExp {
  const name = file.replace(/\.(tsx|ts|jsx|js)$/, "");
  const segments = name.match(/(\[[^\]]*\]|[^.])+/g) ?? [];
  const parts = segments
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => s.replace(/_$/, ""))
    .map((s) => (s.startsWith("$") ? "[^/]+" : s.replace(/\[([^\]]*)\]/g, "$1").replace(/[.*+?^${}()|\\]/g, "\\$&")));
  return new RegExp(`^/${parts.join("/")}$`);
}

/**
 * The intents a route's action handles, read from its source in the forms this codebase
 * writes them: zod literals and enums on `intent`, `case "x":` under an intent switch, and
 * `form.get("intent") === "x"`.
 */
export function intentsInSource(source: string): Set<string> {
  const found = new Set<string>();
  for (const m of source.matchAll(/intent:\s*z\.literal\("([^"]+)"\)/g)) found.add(m[1]!);
  for (const m of source.matchAll(/intent:\s*z\.enum\(\[([^\]]+)\]\)/g)) for (const v of m[1]!.matchAll(/"([^"]+)"/g)) found.add(v[1]!);
  for (const m of source.matchAll(/get\("intent"\)\s*===\s*"([^"]+)"/g)) found.add(m[1]!);
  if (/switch\s*\(\s*intent\s*\)/.test(source)) for (const m of source.matchAll(/case\s+"([^"]+)":/g)) found.add(m[1]!);
  return found;
}
