import type { Database, Queryable } from "../db/database";
import { queryOne } from "../db/database";
import { createDecision } from "../knowledge/decisions";
import { addLink } from "../knowledge/links";
import { createRecord } from "../knowledge/records";
import { ensureManagedTags } from "../knowledge/tags";
import { isUserFacingError } from "../lib/errors";
import { DECISIONS, LINKS, RECORDS } from "./knowledge";
import type { RecordSeed } from "./knowledge-types";

// Loads the demo knowledge base. Each record and decision carries its seed key, so a
// second run adds only what is missing and never duplicates.

async function idByCode(db: Queryable, table: "bodies" | "departments", code: string | undefined) {
  if (!code) return null;
  const row = await queryOne<{ id: number }>(db, `SELECT id FROM ${table} WHERE code = $1`, [code]);
  if (!row) throw new Error(`seed refers to unknown ${table} code ${code}`);
  return row.id;
}

function datePrecision(date: string | undefined) {
  if (!date) return { date: null, datePrecision: null };
  if (/^\d{4}$/.test(date)) return { date: `${date}-01-01`, datePrecision: "year" as const };
  if (/^\d{4}-\d{2}$/.test(date)) return { date: `${date}-01`, datePrecision: "month" as const };
  return { date, datePrecision: "day" as const };
}

async function recordIds(db: Queryable): Promise<Map<string, number>> {
  const rows = await db.query<{ key: string; id: number }>("SELECT seed_key AS key, id FROM records WHERE seed_key IS NOT NULL");
  return new Map(rows.map((r) => [r.key, r.id]));
}

async function sectionAnchor(db: Queryable, recordId: number, heading: string | undefined): Promise<string | null> {
  if (!heading) return null;
  const row = await queryOne<{ anchor: string }>(
    db,
    "SELECT anchor FROM record_sections WHERE record_id = $1 AND locator = $2 ORDER BY position LIMIT 1",
    [recordId, heading],
  );
  if (!row) throw new Error(`seed refers to a missing section "${heading}"`);
  return row.anchor;
}

async function loadRecord(db: Queryable, seed: RecordSeed): Promise<void> {
  await createRecord(
    db,
    {
      kind: seed.kind,
      title: seed.title,
      summary: seed.summary,
      bodyText: seed.text,
      issuerLevel: seed.issuer,
      bodyId: await idByCode(db, "bodies", seed.body),
      departmentId: await idByCode(db, "departments", seed.department),
      ...datePrecision(seed.date),
      fiscalYear: seed.fiscalYear ?? null,
      status: seed.status ?? null,
      budgetYen: seed.budgetYen ?? null,
      sourceUrl: seed.sourceUrl ?? null,
      tags: seed.tags,
      charts: seed.charts ?? [],
    },
    { actorId: null, seedKey: seed.key, note: "デモデータ" },
  );
}

export async function seedKnowledge(db: Database): Promise<{ records: number; decisions: number; links: number }> {
  return db.transaction(async (tx) => {
    await ensureManagedTags(tx);
    let ids = await recordIds(tx);
    const missing = RECORDS.filter((r) => !ids.has(r.key));
    for (const seed of missing) await loadRecord(tx, seed);
    ids = await recordIds(tx);

    const existingDecisions = new Set(
      (await tx.query<{ key: string }>("SELECT seed_key AS key FROM decisions WHERE seed_key IS NOT NULL")).map((r) => r.key),
    );
    let decisions = 0;
    for (const d of DECISIONS.filter((d) => !existingDecisions.has(d.key))) {
      const sourceId = ids.get(d.source)!;
      await createDecision(
        tx,
        {
          text: d.text,
          decidedOn: d.date,
          bodyId: await idByCode(tx, "bodies", d.body),
          sourceRecordId: sourceId,
          sourceAnchor: await sectionAnchor(tx, sourceId, d.sourceSection),
          concerns: d.concerns.map((key) => ids.get(key)!),
          seedKey: d.key,
        },
        null,
      );
      decisions++;
    }

    let links = 0;
    for (const link of LINKS) {
      const fromId = ids.get(link.from)!;
      const toId = ids.get(link.to)!;
      try {
        await addLink(
          tx,
          { type: "record", id: fromId, anchor: await sectionAnchor(tx, fromId, link.fromSection) },
          { type: "record", id: toId, anchor: await sectionAnchor(tx, toId, link.toSection) },
          link.reason,
          null,
        );
        links++;
      } catch (error) {
        if (!(isUserFacingError(error) && error.status === 409)) throw error; // already there
      }
    }
    return { records: missing.length, decisions, links };
  });
}
