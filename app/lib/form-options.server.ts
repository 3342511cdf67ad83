import type { Queryable } from "../../db/database";

/** Bodies and departments for the record form's selects. */
export async function formOptions(db: Queryable) {
  const [bodies, departments] = await Promise.all([
    db.query<{ id: number; name: string }>("SELECT id, name FROM bodies ORDER BY sort_order"),
    db.query<{ id: number; name: string }>("SELECT id, name FROM departments ORDER BY sort_order"),
  ]);
  return { bodies, departments };
}
