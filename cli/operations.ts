import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { issueSession, TOKEN_TTL_MS } from "../auth/sessions";
import { createUser, findUserByLogin, listUsers } from "../auth/users";
import type { Actor } from "../auth/policy";
import { RESPONSE_EXPORT_FORMATS } from "../comments/response-formats";
import { migrate } from "../db/migrate";
import { RECORD_KINDS } from "../knowledge/kinds";
import { UserFacingError } from "../lib/errors";
import { hitHref, hitKindLabel } from "../lib/search-links";
import type { Services } from "../server/services";

// The work behind each CLI command, as plain functions of the services. The CLI runs them
// itself, or, when `npm start` holds the embedded database, asks the running server to
// run the very same function (server/control.ts). What only some commands need (file
// formats, importers, the seeds, backups) is imported by them, so every command starts
// without loading the DOCX, XLSX and PDF libraries.

const userAddInput = z.object({
  login: z.string(),
  role: z.string(),
  password: z.string().optional(),
  displayName: z.string().optional(),
});

const tokenInput = z.object({
  login: z.string(),
  ttlMinutes: z.number().int().positive().max(7 * 24 * 60).optional(),
});

const draftVersionInput = z.object({ draftId: z.number().int().positive(), label: z.string(), note: z.string().optional() });

const importInput = z.object({ path: z.string().min(1), kind: z.enum(RECORD_KINDS).optional() });
const searchInput = z.object({
  query: z.string().max(10_000),
  kind: z.string().max(20).optional(),
  limit: z.number().int().positive().max(100).optional(),
});
const exportInput = z.object({ id: z.number().int().positive(), format: z.enum(["json", "md"]) });

const draftImportInput = z.object({ path: z.string().min(1), title: z.string().max(300).optional() });
const draftExportInput = z.object({ id: z.number().int().positive(), format: z.enum(["egov-xml", "text", "docx"]) });
const commentsExportInput = z.object({
  draftId: z.number().int().positive(),
  format: z.enum(RESPONSE_EXPORT_FORMATS),
  from: z.string().max(100).optional(),
  to: z.string().max(100).optional(),
  versionId: z.number().int().positive().optional(),
  anonymise: z.boolean().optional(),
});

// Backup files are read and written by whoever runs the operation (the server on the same
// machine, when it holds the data directory), so the path must already be absolute.
const backupInput = z.object({ path: z.string().min(1).refine((p) => path.isAbsolute(p)) });
const restoreInput = backupInput.extend({ force: z.boolean().optional() });
const logProgress = (message: string) => process.stderr.write(`${message}\n`);

/** Whoever runs the CLI holds the database; they read comments as staff do: no hidden text. */
const CLI_READER: Actor = { id: 0, role: "staff", active: true };

export const operations = {
  async migrate(services: Services) {
    return migrate(services.db);
  },

  async seed(services: Services) {
    await migrate(services.db);
    const { seed } = await import("../seeds");
    const { createdUsers } = await seed(services.db);
    return { createdUsers: createdUsers.map(({ login, role, password }) => ({ login, role, password })) };
  },

  async "user.add"(services: Services, raw: unknown) {
    const input = userAddInput.parse(raw);
    const generated = input.password ? undefined : randomBytes(9).toString("base64url");
    const user = await createUser(services.db, { ...input, password: input.password ?? generated! });
    return { id: user.id, login: user.login, role: user.role, ...(generated ? { password: generated } : {}) };
  },

  async "user.list"(services: Services) {
    const users = await listUsers(services.db);
    return users.map(({ id, login, displayName, role, active }) => ({ id, login, displayName, role, active }));
  },

  /** Imports one file (the CLI calls this per file, so it can show progress between them). */
  async "import.file"(services: Services, raw: unknown) {
    const input = importInput.parse(raw);
    const fileName = path.basename(input.path);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(input.path));
    } catch {
      throw new UserFacingError(`${fileName} を読み込めません。ファイルの場所と読み取り権限を確かめてください。`, 400, "unreadable");
    }
    const { importFile } = await import("../knowledge/import");
    return services.db.transaction((tx) => importFile(tx, { fileName, bytes }, { kind: input.kind, actorId: null }));
  },

  async "record.export"(services: Services, raw: unknown) {
    const input = exportInput.parse(raw);
    const { exportRecordJson, exportRecordMarkdown } = await import("../knowledge/export");
    return input.format === "md" ? exportRecordMarkdown(services.db, input.id) : exportRecordJson(services.db, input.id);
  },

  async search(services: Services, raw: unknown) {
    const input = searchInput.parse(raw);
    await services.search.indexer.drain();
    await services.search.synonyms.load();
    const result = await services.search.engine.search({
      query: input.query,
      pageSize: input.limit ?? 20,
      filters: input.kind ? { kinds: [input.kind] } : {},
    });
    return {
      total: result.total,
      ...(result.notice ? { notice: result.notice } : {}),
      hits: result.hits.map((h) => ({
        recordId: h.recordId,
        draftId: h.draftId,
        title: h.title.text,
        kind: h.kind,
        kindLabel: hitKindLabel(h.kind),
        snippet: h.snippet.text,
        locator: h.locator,
        // The path in the app that opens the hit: /knowledge/3#a2, /drafts/1#<clause>, /drafts/1#comment-7.
        href: hitHref(h),
      })),
    };
  },

  async reindex(services: Services) {
    return services.search.indexer.reindex();
  },

  async "draft.list"(services: Services) {
    const { listDrafts } = await import("../drafting/drafts");
    return (await listDrafts(services.db)).map(({ id, title }) => ({ id, title }));
  },

  async "draft.import"(services: Services, raw: unknown) {
    const input = draftImportInput.parse(raw);
    let xml: string;
    try {
      xml = await readFile(input.path, "utf8");
    } catch {
      throw new UserFacingError(`${path.basename(input.path)} を読み込めません。ファイルの場所と読み取り権限を確かめてください。`, 400, "unreadable");
    }
    const { importDraftXml } = await import("../drafting/drafts");
    return importDraftXml(services.db, xml, { title: input.title, fileName: path.basename(input.path) }, null);
  },

  /** DOCX comes back base64-encoded so it can cross the control socket as JSON. */
  async "draft.export"(services: Services, raw: unknown) {
    const input = draftExportInput.parse(raw);
    const { exportDraft } = await import("../drafting/drafts");
    const file = await exportDraft(services.db, input.id, input.format);
    const binary = typeof file.body !== "string";
    return { fileName: file.fileName, binary, body: binary ? Buffer.from(file.body).toString("base64") : file.body };
  },

  /** Saves the draft's stored text as a named version (第1次案 …). */
  async "draft.version"(services: Services, raw: unknown) {
    const input = draftVersionInput.parse(raw);
    const { saveVersion } = await import("../drafting/versions");
    const version = await saveVersion(services.db, input.draftId, { label: input.label, note: input.note }, null);
    return { versionId: version.id, label: version.label };
  },

  /** The 新旧対照表 or the 改め文 between two texts (cli/compare.ts). */
  async compare(services: Services, raw: unknown) {
    const { compareTexts } = await import("./compare");
    return compareTexts(raw, services.db);
  },

  /** The 意見対応表 as a file, base64-encoded like draft.export, with its number of rows. */
  async "comments.export"(services: Services, raw: unknown) {
    const input = commentsExportInput.parse(raw);
    const [{ parsePeriod, responseTable }, { exportResponseTable }] = await Promise.all([import("../comments/response-table"), import("../comments/response-export")]);
    const table = await responseTable(services.db, CLI_READER, input.draftId, { ...parsePeriod(input), versionId: input.versionId, anonymise: input.anonymise });
    const file = await exportResponseTable(table, input.format);
    return { fileName: file.fileName, body: Buffer.from(file.body).toString("base64"), rows: table.rows.length };
  },

  /** Every table, stored file and draft state in one gzip file; written here, not sent back, as it may be large. */
  async backup(services: Services, raw: unknown) {
    const input = backupInput.parse(raw);
    const { writeBackup } = await import("../ops/backup");
    return writeBackup(services.db, input.path, { progress: logProgress });
  },

  /** A backup into an empty database (or, with force, one emptied first), then the search index rebuilt. */
  async restore(services: Services, raw: unknown) {
    const input = restoreInput.parse(raw);
    const { restoreBackup } = await import("../ops/restore");
    return restoreBackup(services.db, input.path, { force: input.force, search: services.search.indexer, progress: logProgress });
  },

  async token(services: Services, raw: unknown) {
    const input = tokenInput.parse(raw);
    const user = await findUserByLogin(services.db, input.login);
    if (!user || !user.active) {
      throw new UserFacingError(`ログインID「${input.login}」の有効な利用者が見つかりません。`, 404, "not_found");
    }
    const ttl = input.ttlMinutes ? input.ttlMinutes * 60_000 : TOKEN_TTL_MS;
    const { secret, expiresAt } = await issueSession(services.db, user.id, "token", ttl);
    return { token: secret, login: user.login, expiresAt: expiresAt.toISOString() };
  },
};

export type OperationName = keyof typeof operations;

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === "string" && Object.hasOwn(operations, name);
}

export async function runOperation(services: Services, name: OperationName, input: unknown): Promise<unknown> {
  try {
    return await (operations[name] as (s: Services, i: unknown) => Promise<unknown>)(services, input);
  } catch (error) {
    if (error instanceof z.ZodError) {
      throw new UserFacingError("コマンドの引数が正しくありません。`--help` で使い方を確かめてください。");
    }
    throw error;
  }
}
