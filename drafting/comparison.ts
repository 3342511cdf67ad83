import type { Queryable } from "../db/database";
import { compareDocuments } from "../ordinance/compare";
import { aratameBun, type Aratame } from "../ordinance/compare/aratame";
import { shinkyuTable, type ShinkyuSettings, type ShinkyuTable } from "../ordinance/compare/shinkyu";
import { loadComparedText, type TextRef } from "./versions";

// Two texts of one draft compared for people: the 新旧対照表 (and the 改め文) between two
// versions, or between a version and the current text.

export interface DraftComparison {
  before: { label: string; versionId: number | null };
  after: { label: string; versionId: number | null };
  table: ShinkyuTable;
  /** The same change as amendment text, with what it could not express. */
  aratame: Aratame;
}

export async function compareDraftTexts(
  db: Queryable,
  draftId: number,
  from: TextRef,
  to: TextRef,
  settings: Partial<ShinkyuSettings> = {},
): Promise<DraftComparison> {
  const [before, after] = await Promise.all([loadComparedText(db, draftId, from), loadComparedText(db, draftId, to)]);
  const comparison = compareDocuments(before.doc, after.doc);
  return {
    before: { label: before.label, versionId: before.versionId },
    after: { label: after.label, versionId: after.versionId },
    table: shinkyuTable(comparison, settings),
    aratame: aratameBun(comparison, { style: after.doc.attrs.style === "vertical" ? "vertical" : "horizontal" }),
  };
}

/** Settings from a query string; anything unknown falls back to Tottori's form. */
export function shinkyuSettingsFrom(query: URLSearchParams): Pick<ShinkyuSettings, "columnOrder" | "unchanged"> {
  return {
    columnOrder: query.get("order") === "afterFirst" ? "afterFirst" : "beforeFirst",
    unchanged: query.get("unchanged") === "omit" ? "omit" : "abbreviate",
  };
}
