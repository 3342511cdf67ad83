import type { Database } from "../db/database";
import { queryOne } from "../db/database";
import { createUser, findUserByLogin } from "../auth/users";
import { BODIES, DEPARTMENTS } from "./organisation";
import { DEMO_USERS, type DemoUser } from "./users";
import { seedKnowledge } from "./knowledge-loader";
import { seedDraft } from "./draft-loader";
import { SynonymStore } from "../search/synonym-store";

export interface SeedResult {
  /** Demo users created by this run (empty when they already existed). */
  createdUsers: DemoUser[];
}

/** Loads the demo data; safe to run any number of times (updates, never duplicates). */
export async function seed(db: Database): Promise<SeedResult> {
  await db.transaction(async (tx) => {
    for (const [i, d] of DEPARTMENTS.entries()) {
      await tx.query(
        `INSERT INTO departments (code, name, themes, sort_order) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, themes = EXCLUDED.themes,
           sort_order = EXCLUDED.sort_order`,
        [d.code, d.name, d.themes.join("、"), i],
      );
    }
    for (const [i, b] of BODIES.entries()) {
      await tx.query(
        `INSERT INTO bodies (code, name, level, description, sort_order) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,
           description = EXCLUDED.description, sort_order = EXCLUDED.sort_order`,
        [b.code, b.name, b.level, b.description, i],
      );
    }
  });
  const createdUsers: DemoUser[] = [];
  for (const demo of DEMO_USERS) {
    if (await findUserByLogin(db, demo.login)) continue;
    const dept = demo.department
      ? await queryOne<{ id: number }>(db, "SELECT id FROM departments WHERE code = $1", [demo.department])
      : undefined;
    await createUser(db, { ...demo, departmentId: dept?.id ?? null });
    createdUsers.push(demo);
  }
  await seedDraft(db);
  await seedKnowledge(db);
  await new SynonymStore(db).seedDefaults();
  return { createdUsers };
}
