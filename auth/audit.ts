import type { Queryable } from "../db/database";

/** Appends to the audit trail; who did what to which target, with a little detail. */
export async function recordAudit(
  db: Queryable,
  actorId: number | null,
  action: string,
  target: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await db.query("INSERT INTO audit_log (actor_id, action, target, detail) VALUES ($1, $2, $3, $4::text::jsonb)", [
    actorId,
    action,
    target,
    JSON.stringify(detail),
  ]);
}
