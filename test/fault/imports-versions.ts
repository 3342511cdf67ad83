import { createHash, randomUUID } from "node:crypto";
import type { Database } from "../../db/database";
import { docFromState } from "../../drafting/drafts";
import { loadVersionDoc } from "../../drafting/versions";
import type { NumberingStyle } from "../../ordinance/numbering";
import type { Session } from "./support";

// The two writing workloads killed by crash-writes.test.ts, each with a ledger of what the
// server told the client, and the checks of what the database holds afterwards.

const KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノ";
export const DRAFT_ID = 1;
export const VERSION_PREFIX = "障害試験版";

export interface ImportFile {
  fileName: string;
  title: string;
  /** A phrase only this file contains, to find its record through search. */
  marker: string;
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
}

/** A Markdown report of some length, so that extracting and saving it takes a while. */
export function importFile(iteration: number, n: number): ImportFile {
  const code = iteration * 100 + n;
  const marker = `障害試験${KANA[Math.floor(code / 625) % 25]}${KANA[Math.floor(code / 25) % 25]}${KANA[code % 25]}`;
  const title = `停止試験資料 ${iteration}-${n}`;
  const sections = Array.from(
    { length: 80 },
    (_, s) =>
      `## 第${s + 1}節 取組の記録\n${s === 0 ? `${marker}に関する資料です。` : ""}孤独・孤立対策の取組として、相談窓口の周知と居場所づくりを進めた経過を記録する（${iteration}-${n}-${s}）。`,
  );
  const bytes = new TextEncoder().encode(`# ${title}\n\n${sections.join("\n\n")}\n`);
  return { fileName: `fault-${iteration}-${n}.md`, title, marker, bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
}

export interface ImportLedger {
  /** Items the server answered as stored (status ready), by item id. */
  uploaded: Map<number, ImportFile & { batch: string }>;
  /** Item ids whose confirmation was answered with the redirect to the saved list. */
  confirmed: Set<number>;
  /** What was waiting for an answer when the server died. */
  inFlight: string | null;
  /** Answers that were neither success nor a dead server. */
  unexpected: string[];
}

export function newImportLedger(): ImportLedger {
  return { uploaded: new Map(), confirmed: new Set(), inFlight: null, unexpected: [] };
}

/** Confirms one previewed item with the suggested kind and our title, as the preview form does. */
export function confirmForm(batch: string, itemId: number, title: string): URLSearchParams {
  return new URLSearchParams({ batch, [`i${itemId}.save`]: "on", [`i${itemId}.kind`]: "material", [`i${itemId}.title`]: title });
}

/** Uploads then confirms files one by one, as the bulk uploader and preview page do, until the server dies. */
export async function importUntilKilled(session: Session, iteration: number, ledger: ImportLedger, stopped: () => boolean): Promise<void> {
  const batch = randomUUID();
  try {
    for (let n = 0; !stopped(); n++) {
      const file = importFile(iteration, n);
      const form = new FormData();
      form.set("batch", batch);
      form.set("files", new Blob([file.bytes], { type: "text/markdown" }), file.fileName);
      ledger.inFlight = `upload of ${file.fileName}`;
      const uploaded = await session.post("/api/import", form);
      const body = (await uploaded.json()) as { items?: { id: number; status: string }[] };
      const item = body.items?.[0];
      if (uploaded.status !== 200 || item?.status !== "ready") {
        ledger.unexpected.push(`upload ${file.fileName}: ${uploaded.status} ${JSON.stringify(body)}`);
        return;
      }
      ledger.uploaded.set(item.id, { ...file, batch });
      ledger.inFlight = `confirmation of item ${item.id}`;
      const confirmed = await session.post("/knowledge/import", confirmForm(batch, item.id, file.title));
      if (confirmed.status !== 302 || !confirmed.headers.get("location")?.includes("saved=1")) {
        ledger.unexpected.push(`confirm ${item.id}: ${confirmed.status}`);
        return;
      }
      ledger.confirmed.add(item.id);
      ledger.inFlight = null;
    }
  } catch {
    // fetch failed: the server is gone
  }
}

export interface VersionLedger {
  /** Labels the server answered with 「…」を保存しました。 */
  confirmed: string[];
  inFlight: string | null;
  unexpected: string[];
}

export function newVersionLedger(): VersionLedger {
  return { confirmed: [], inFlight: null, unexpected: [] };
}

/** Saves named versions of the seeded draft one after another, as a PT member on the versions page. */
export async function saveVersionsUntilKilled(session: Session, iteration: number, ledger: VersionLedger, stopped: () => boolean): Promise<void> {
  try {
    for (let n = 0; !stopped(); n++) {
      const label = `${VERSION_PREFIX}${iteration}-${n}`;
      ledger.inFlight = label;
      const res = await session.post(`/drafts/${DRAFT_ID}/versions`, new URLSearchParams({ label, note: "kill -9 の試験で保存" }));
      const page = await res.text();
      if (res.status !== 200 || !page.includes(`「${label}」を保存しました。`)) {
        ledger.unexpected.push(`version ${label}: ${res.status}`);
        return;
      }
      ledger.confirmed.push(label);
      ledger.inFlight = null;
    }
  } catch {
    // fetch failed: the server is gone
  }
}

/** Rows that must not exist: each query lists what would be half-written. */
const IMPORT_INVARIANTS: Record<string, string> = {
  "items marked saved without their record": `SELECT id FROM import_items i WHERE status = 'saved' AND (record_id IS NULL OR NOT EXISTS (SELECT 1 FROM records r WHERE r.id = i.record_id))`,
  "items waiting without their stored file": `SELECT id FROM import_items i WHERE status = 'ready' AND (file_id IS NULL OR NOT EXISTS (SELECT 1 FROM files f WHERE f.id = i.file_id))`,
  "records from an import whose item is not marked saved with them": `SELECT r.id FROM records r JOIN import_items i ON i.file_id = r.source_file_id WHERE i.status <> 'saved' OR i.record_id IS DISTINCT FROM r.id`,
  "files whose stored bytes do not match their size and digest": `SELECT id FROM files WHERE size <> octet_length(content) OR sha256 <> encode(sha256(content), 'hex')`,
  "files that became more than one record": `SELECT source_file_id FROM records WHERE source_file_id IS NOT NULL GROUP BY source_file_id HAVING count(*) > 1`,
  "imported records without sections": `SELECT r.id FROM records r WHERE r.source_file_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM record_sections s WHERE s.record_id = r.id)`,
  "imported records without their first revision": `SELECT r.id FROM records r WHERE r.source_file_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM record_revisions v WHERE v.record_id = r.id)`,
  "imported records neither indexed nor waiting in the outbox": `SELECT r.id FROM records r WHERE r.source_file_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM search_outbox o WHERE o.source_type = 'record' AND o.source_id = r.id)
      AND NOT EXISTS (SELECT 1 FROM search_chunks c WHERE c.source_type = 'record' AND c.source_id = r.id)`,
};

export interface ImportCheck {
  /** Half-written rows, by invariant; empty when all hold. */
  violations: Record<string, unknown[]>;
  /** Uploaded items that are missing or whose file is not the one sent. */
  lostUploads: number[];
  /** Confirmed items without their record and original file. */
  lostRecords: number[];
  /** Record and file of each confirmed item. */
  saved: Map<number, { recordId: number; fileId: number }>;
}

export async function checkImports(db: Database, ledger: ImportLedger): Promise<ImportCheck> {
  const violations: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(IMPORT_INVARIANTS)) {
    const rows = await db.query(sql);
    if (rows.length) violations[name] = rows;
  }
  const lostUploads: number[] = [];
  const lostRecords: number[] = [];
  const saved = new Map<number, { recordId: number; fileId: number }>();
  for (const [itemId, file] of ledger.uploaded) {
    const [row] = await db.query<{ status: string; fileId: number | null; recordId: number | null; content: Uint8Array | null; recordFile: number | null; title: string | null }>(
      `SELECT i.status, i.file_id AS "fileId", i.record_id AS "recordId", f.content, r.source_file_id AS "recordFile", r.title
         FROM import_items i LEFT JOIN files f ON f.id = i.file_id LEFT JOIN records r ON r.id = i.record_id WHERE i.id = $1`,
      [itemId],
    );
    const sameFile = row?.content && createHash("sha256").update(row.content).digest("hex") === file.sha256;
    if (!row || !sameFile) lostUploads.push(itemId);
    if (!ledger.confirmed.has(itemId)) continue;
    if (row?.status !== "saved" || !row.recordId || row.recordFile !== row.fileId || row.title !== file.title || !sameFile) lostRecords.push(itemId);
    else saved.set(itemId, { recordId: row.recordId, fileId: row.fileId! });
  }
  return { violations, lostUploads, lostRecords, saved };
}

export interface VersionCheck {
  /** Our versions whose document or Yjs state cannot be read, or do not agree. */
  broken: string[];
  /** Confirmed labels that are not there. */
  lost: string[];
  ids: Map<string, number>;
}

/** Every version the test saved is whole (document and state agree); every confirmed one exists. */
export async function checkVersions(db: Database, ledger: VersionLedger): Promise<VersionCheck> {
  const rows = await db.query<{ id: number; label: string; state: Uint8Array; style: NumberingStyle }>(
    `SELECT id, label, state, numbering_style AS style FROM draft_versions WHERE draft_id = $1 AND label LIKE $2 ORDER BY id`,
    [DRAFT_ID, `${VERSION_PREFIX}%`],
  );
  const broken: string[] = [];
  const ids = new Map<string, number>();
  for (const row of rows) {
    ids.set(row.label, row.id);
    try {
      const { doc } = await loadVersionDoc(db, row.id);
      const fromState = docFromState(new Uint8Array(row.state), row.style);
      if (row.state.length === 0 || doc.childCount === 0 || !fromState.content.eq(doc.content)) broken.push(row.label);
    } catch {
      broken.push(row.label);
    }
  }
  return { broken, lost: ledger.confirmed.filter((label) => !ids.has(label)), ids };
}
