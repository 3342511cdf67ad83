import type { Queryable } from "../db/database";
import { MANAGED_TAGS } from "./kinds";

/** Replaces a record's tags; unknown names become free tags. */
export async function setRecordTags(db: Queryable, recordId: number, names: string[]): Promise<void> {
  const unique = [...new Set(names.map((n) => n.trim().normalize("NFKC")).filter(Boolean))];
  await db.query("DELETE FROM record_tags WHERE record_id = $1", [recordId]);
  for (const name of unique) {
    const managed = (MANAGED_TAGS as readonly string[]).includes(name);
    const [tag] = await db.query<{ id: number }>(
      `INSERT INTO tags (name, managed) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET managed = tags.managed OR EXCLUDED.managed RETURNING id`,
      [name, managed],
    );
    await db.query("INSERT INTO record_tags (record_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", [recordId, tag!.id]);
  }
}

export async function ensureManagedTags(db: Queryable): Promise<void> {
  for (const name of MANAGED_TAGS) {
    await db.query("INSERT INTO tags (name, managed) VALUES ($1, true) ON CONFLICT (name) DO UPDATE SET managed = true", [name]);
  }
}

export async function listTags(db: Queryable): Promise<{ name: string; managed: boolean; count: number }[]> {
  return db.query(
    `SELECT t.name, t.managed, count(rt.record_id)::int AS count
       FROM tags t LEFT JOIN record_tags rt ON rt.tag_id = t.id
      GROUP BY t.id ORDER BY t.managed DESC, count DESC, t.name`,
  );
}
