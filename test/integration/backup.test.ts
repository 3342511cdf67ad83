import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn } from "../../auth/login";
import { createUser } from "../../auth/users";
import { createComment } from "../../comments/comments";
import type { Database } from "../../db/database";
import { loadDraftDoc } from "../../drafting/drafts";
import { compact } from "../../drafting/store";
import { listVersions, loadVersionDoc } from "../../drafting/versions";
import { docToText } from "../../ordinance/formats/text";
import { writeBackup } from "../../ops/backup";
import { restoreBackup } from "../../ops/restore";
import { PostgresSearchEngine } from "../../search/engines/postgres";
import { SearchIndexer } from "../../search/indexer";
import { SEARCH_SOURCES } from "../../server/search-sources";
import { backends, type TestDatabase } from "../support/db";
import { actor, buildWorkspace, replaceWords, type Workspace } from "../support/workspace";

// A backup restores to the very same workspace: every table row for row, the stored files,
// the drafts' Yjs logs, snapshots and versions, ids and what comes after them, passwords,
// and a search index rebuilt from it all. A database with rows is never overwritten.

export const indexerOf = (db: Database) => new SearchIndexer(db, new PostgresSearchEngine(db), SEARCH_SOURCES);

/** Every table of the schema, each as its rows in key order (schema_migrations as its versions). */
export async function dumpTables(db: Database): Promise<Record<string, unknown[]>> {
  const tables = await db.query<{ name: string; key: string[] | null }>(
    `SELECT c.relname AS name,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i
               CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              WHERE i.indrelid = c.oid AND i.indisprimary) AS key
       FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' ORDER BY c.relname`,
  );
  const dump: Record<string, unknown[]> = {};
  for (const { name, key } of tables) {
    const sql = name === "schema_migrations" ? "SELECT version FROM schema_migrations" : `SELECT * FROM "${name}"`;
    dump[name] = await db.query(`${sql} ORDER BY ${(name === "schema_migrations" ? ["version"] : key!).map((k) => `"${k}"`).join(", ")}`);
  }
  return dump;
}

describe.each(backends)("backup and restore on $name", (backend) => {
  let source: TestDatabase;
  let target: TestDatabase;
  let workspace: Workspace;
  let dir: string;
  let file: string;
  const open: TestDatabase[] = [];
  const fresh = async (): Promise<TestDatabase> => {
    const t = await backend.create();
    open.push(t);
    return t;
  };
  const textOf = async (db: Database, draftId: number) => {
    const { draft, doc } = await loadDraftDoc(db, draftId);
    return docToText(doc, draft.numberingStyle);
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "kizuna-backup-"));
    file = path.join(dir, "workspace.kizuna.gz");
    source = await fresh();
    workspace = await buildWorkspace(source.db);
    await indexerOf(source.db).reindex();
    target = await fresh();
  });
  afterAll(async () => {
    for (const t of open) await t.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it("restores every table row for row into an empty database, and rebuilds the search index", async () => {
    const backup = await writeBackup(source.db, file);
    expect(backup).toMatchObject({ file, tables: expect.any(Number), rows: expect.any(Number) });
    expect(backup.bytes).toBe((await readFile(file)).length);
    const restored = await restoreBackup(target.db, file, { search: indexerOf(target.db) });
    expect(restored).toMatchObject({ tables: backup.tables, rows: backup.rows });
    expect(restored.indexed.chunks).toBeGreaterThan(0);

    const [before, after] = [await dumpTables(source.db), await dumpTables(target.db)];
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    // The workspace really holds something of each kind the backup must carry.
    for (const table of ["files", "draft_updates", "draft_snapshots", "draft_versions", "comments", "sessions", "search_chunks"]) {
      expect(before[table]!.length, table).toBeGreaterThan(0);
    }
  });

  it("continues every id sequence after the restored rows, never reusing a deleted row's id", async () => {
    const sequences = await target.db.query<{ table: string; column: string; seq: string }>(
      `SELECT c.relname AS "table", a.attname AS "column", pg_get_serial_sequence(quote_ident(current_schema()) || '.' || quote_ident(c.relname), a.attname) AS seq
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0
          AND pg_get_serial_sequence(quote_ident(current_schema()) || '.' || quote_ident(c.relname), a.attname) IS NOT NULL`,
    );
    expect(sequences.length).toBeGreaterThan(10);
    for (const { table, column, seq } of sequences) {
      const [{ max }] = (await target.db.query<{ max: string | null }>(`SELECT max("${column}")::text AS max FROM "${table}"`)) as [{ max: string | null }];
      const [{ next }] = (await target.db.query<{ next: string }>(`SELECT (CASE WHEN is_called THEN last_value + 1 ELSE last_value END)::text AS next FROM ${seq}`)) as [{ next: string }];
      if (max !== null) expect(Number(next), `${table}.${column}`).toBeGreaterThan(Number(max));
    }

    const attempts = await target.db.query<{ id: number }>("INSERT INTO login_attempts (login, ip, succeeded) VALUES ('x', '192.0.2.9', false) RETURNING id");
    expect(attempts[0]!.id).toBeGreaterThan(workspace.deletedAttemptId);
    const [clause] = await target.db.query<{ clauseId: string }>(`SELECT clause_id AS "clauseId" FROM comments ORDER BY id LIMIT 1`);
    const comment = await createComment(target.db, await actor(target.db, "study2"), { draftId: workspace.draftId, clauseId: clause!.clauseId, kind: "comment", body: "復元後の意見です。" });
    const [{ max }] = (await source.db.query<{ max: number }>("SELECT max(id) AS max FROM comments")) as [{ max: number }];
    expect(comment.id).toBeGreaterThan(max);
  });

  it("gives back the draft's text and versions, the passwords, and search hits", async () => {
    expect(await textOf(target.db, workspace.draftId)).toBe(await textOf(source.db, workspace.draftId));
    expect(await textOf(target.db, workspace.draftId)).toContain("推進に関する行動計画");
    const [version] = await listVersions(target.db, workspace.draftId);
    const [was, is] = [await loadVersionDoc(source.db, version!.id), await loadVersionDoc(target.db, version!.id)];
    expect(is.doc.toJSON()).toEqual(was.doc.toJSON());

    const session = await logIn(target.db, "pt1", workspace.passwords.get("pt1")!, "192.0.2.3");
    expect(session.secret).toBeTruthy();

    const engine = new PostgresSearchEngine(target.db);
    const clauses = await engine.search({ query: "関係団体", pageSize: 20, filters: { kinds: ["clause"] } });
    expect(clauses.hits.some((h) => h.draftId === workspace.draftId)).toBe(true);
    const laws = await engine.search({ query: "孤独・孤立対策", pageSize: 20, filters: { kinds: ["law"] } });
    expect(laws.total).toBeGreaterThan(0);
  });

  it("refuses to restore into a database that has rows, and changes nothing there; with force, replaces them", async () => {
    const filled = await fresh();
    await createUser(filled.db, { login: "someone", displayName: "誰か", role: "pt", password: "correct horse battery" });
    await indexerOf(filled.db).reindex();
    const before = await dumpTables(filled.db);
    await expect(restoreBackup(filled.db, file, { search: indexerOf(filled.db) })).rejects.toThrow(/すでにデータがあります（users、.*--force/);
    expect(await dumpTables(filled.db)).toEqual(before);

    await restoreBackup(filled.db, file, { search: indexerOf(filled.db), force: true });
    const [a, b] = [await dumpTables(source.db), await dumpTables(filled.db)];
    for (const table of Object.keys(a)) expect(b[table], table).toEqual(a[table]);
  });

  it("refuses a backup of another schema version, and a damaged file, leaving the database empty", async () => {
    const empty = await fresh();
    const whole = await readFile(file);
    // A backup from a newer Kizuna: its header lists a migration this code does not know.
    const [head, ...rest] = gunzipSync(whole).toString("utf8").split("\n");
    const header = JSON.parse(head!);
    header.migrations.push("9999_from_a_newer_kizuna");
    const newer = path.join(dir, "newer.kizuna.gz");
    await writeFile(newer, gzipSync([JSON.stringify(header), ...rest].join("\n")));
    await expect(restoreBackup(empty.db, newer, { search: indexerOf(empty.db) })).rejects.toThrow(/構造の版が違うため復元できません.*Kizunaを、バックアップを取ったときの版以降に更新/);

    const cut = path.join(dir, "cut.kizuna.gz");
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    await expect(restoreBackup(empty.db, cut, { search: indexerOf(empty.db) })).rejects.toThrow(/バックアップファイルが壊れている/);
    await writeFile(cut, "not a backup");
    await expect(restoreBackup(empty.db, cut, { search: indexerOf(empty.db) })).rejects.toThrow(/壊れている|バックアップではありません/);
    await expect(restoreBackup(empty.db, path.join(dir, "missing.gz"), { search: indexerOf(empty.db) })).rejects.toThrow(/が見つかりません/);
    const [{ users }] = (await empty.db.query<{ users: number }>("SELECT count(*)::int AS users FROM users")) as [{ users: number }];
    expect(users).toBe(0);
  });

  it("takes one consistent moment while edits are appended and compacted, and that moment restores whole", async () => {
    const pt = await actor(source.db, "pt1");
    const draftId = workspace.draftId;
    // Each edit adds one digit before 計画を定める, so every state the draft passes through is a different text.
    const texts = [await textOf(source.db, draftId)];
    const stored = new Map<number, Uint8Array>();
    let stop = false;
    let failed: unknown;
    const editing = (async () => {
      for (let i = 0; !stop; i++) {
        const { updateId } = await replaceWords(source.db, draftId, pt.id, "計画を定める", `${i % 10}計画を定める`);
        const [row] = await source.db.query<{ update: Uint8Array }>("SELECT update FROM draft_updates WHERE id = $1", [updateId]);
        stored.set(updateId!, new Uint8Array(row!.update));
        texts.push(await textOf(source.db, draftId));
        if (i % 3 === 2) await compact(source.db, draftId);
        // Typing pace; on PGlite, whose queries never leave the microtask queue, also what lets the backup start.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })().catch((error) => void (failed = error));
    const editsSoFar = async (n: number) => {
      for (const deadline = Date.now() + 30_000; texts.length <= n && !failed && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
      if (failed || texts.length <= n) throw failed ?? new Error(`only ${texts.length - 1} edits`);
    };
    const during = path.join(dir, "during.kizuna.gz");
    try {
      await editsSoFar(4);
      await writeBackup(source.db, during);
      await editsSoFar(texts.length + 2);
    } finally {
      stop = true;
      await editing;
    }

    const copy = await fresh();
    await restoreBackup(copy.db, during, { search: indexerOf(copy.db) });
    const restoredText = await textOf(copy.db, draftId);
    const moment = texts.indexOf(restoredText);
    expect(moment, "the restored text is one the draft really had").toBeGreaterThanOrEqual(0);
    expect(moment).toBeLessThan(texts.length - 1);
    for (const row of await copy.db.query<{ id: number; update: Uint8Array }>("SELECT id, update FROM draft_updates WHERE draft_id = $1", [draftId])) {
      if (stored.has(row.id)) expect(new Uint8Array(row.update), `update ${row.id}`).toEqual(stored.get(row.id));
    }
  });

  // PGlite runs one transaction at a time, so only server Postgres can commit in the middle of a backup.
  it.runIf(backend.name === "postgres")("leaves out what commits while it reads: the backup is the moment it began", async () => {
    const pt = await actor(source.db, "pt1");
    const before = await textOf(source.db, workspace.draftId);
    let changed = false;
    const meddled: Database = {
      ...source.db,
      transaction: (fn) =>
        source.db.transaction((tx) =>
          fn({
            ...tx,
            async query(text, params) {
              if (!changed && text.startsWith("DECLARE")) {
                changed = true;
                await replaceWords(source.db, workspace.draftId, pt.id, "計画を定める", "計画を必ず定める");
                await compact(source.db, workspace.draftId);
              }
              return tx.query(text, params);
            },
          }),
        ),
    };
    const moment = path.join(dir, "moment.kizuna.gz");
    await writeBackup(meddled, moment);
    expect(await textOf(source.db, workspace.draftId)).toContain("計画を必ず定める");
    const copy = await fresh();
    await restoreBackup(copy.db, moment, { search: indexerOf(copy.db) });
    expect(await textOf(copy.db, workspace.draftId)).toBe(before);
  });

  it("never leaves a partial file under the given name when a backup fails", async () => {
    const kept = path.join(dir, "kept.kizuna.gz");
    await writeFile(kept, "the previous backup");
    // A database that fails a few tables into the backup.
    let fetches = 0;
    const failing: Database = {
      ...source.db,
      transaction: (fn) =>
        source.db.transaction((tx) =>
          fn({ ...tx, query: (text, params) => (/FETCH/.test(text) && fetches++ > 3 ? Promise.reject(new Error("connection lost")) : tx.query(text, params)) }),
        ),
    };
    await expect(writeBackup(failing, kept)).rejects.toThrow(/connection lost/);
    expect(await readFile(kept, "utf8")).toBe("the previous backup");
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    await expect(writeBackup(source.db, path.join(dir, "no-such-dir", "x.gz"))).rejects.toThrow(/フォルダがありません/);
  });
});
