import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Database } from "../db/database";
import { queryOne } from "../db/database";
import { importDraftXml } from "../drafting/drafts";

const DRAFT_XML = fileURLToPath(new URL("./ordinance/draft-ordinance.xml", import.meta.url));
const SEED_KEY = "ordinance-draft-1";

/** The demo draft ordinance, created once; the scripting contract lists it first. */
export async function seedDraft(db: Database): Promise<void> {
  if (await queryOne(db, "SELECT 1 FROM drafts WHERE seed_key = $1", [SEED_KEY])) return;
  const { draftId } = await importDraftXml(db, await readFile(DRAFT_XML, "utf8"), {}, null);
  await db.query("UPDATE drafts SET seed_key = $2 WHERE id = $1", [draftId, SEED_KEY]);
}
