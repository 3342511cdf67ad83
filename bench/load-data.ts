import { createUser } from "../auth/users";
import type { Queryable } from "../db/database";
import { createRecord } from "../knowledge/records";
import { generateCorpus } from "./corpus";

// What the load benchmark (bench/load.ts) and its smoke run (test/load) add to a seeded
// database: records recombined from the demo seeds, and people to sign in as.

/** Synthetic records from the search benchmark's corpus: a summary and sections, as a person writes them. */
export async function addRecords(db: Queryable, count: number, seedValue: number): Promise<void> {
  const bodies = new Map((await db.query<{ id: number; name: string }>("SELECT id, name FROM bodies")).map((b) => [b.name, b.id]));
  const departments = new Map((await db.query<{ id: number; name: string }>("SELECT id, name FROM departments")).map((d) => [d.name, d.id]));
  let current: { recordId: number; draft: Parameters<typeof createRecord>[1] } | undefined;
  let written = 0;
  const flush = async () => {
    if (!current) return;
    await createRecord(db, current.draft, { actorId: null, note: "ベンチマーク用" });
    written++;
  };
  for (const chunk of generateCorpus({ chunks: count * 8, seed: seedValue })) {
    if (chunk.sourceType !== "record") continue;
    if (current?.recordId !== chunk.recordId) {
      await flush();
      if (written >= count) return;
      current = {
        recordId: chunk.recordId!,
        draft: {
          kind: chunk.kind as never,
          title: chunk.title,
          summary: chunk.text.slice(0, 2000),
          bodyText: "",
          bodyId: chunk.bodyName ? (bodies.get(chunk.bodyName) ?? null) : null,
          departmentId: chunk.departmentName ? (departments.get(chunk.departmentName) ?? null) : null,
          date: chunk.date,
          fiscalYear: chunk.fiscalYear,
          tags: chunk.tags,
        },
      };
      continue;
    }
    const [heading, ...rest] = chunk.text.split("\n");
    current.draft.bodyText += `## ${heading}\n\n${rest.join("\n")}\n\n`;
  }
  await flush();
}

export const loadPassword = (i: number) => `kizuna-bench-load-${i}`;

/** Staff members bench-load-1 … bench-load-n: one per connection, each with a search budget of their own. */
export async function addPeople(db: Queryable, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) await createUser(db, { login: `bench-load-${i}`, role: "staff", password: loadPassword(i) });
}
