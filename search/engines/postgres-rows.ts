import { groupKeyOf, titleIsSearched, type SearchDocument } from "../engine";
import { textGrams } from "../grams";
import { normalizeForSearch, segment } from "../text";
import { tsvectorLiteral } from "../tsvector";

// Chunks as the rows the Postgres engine inserts, vectors built in JS from our own text
// pipeline. Pure, so a batch can be built on a worker thread (row-builder.ts) while the
// database stores the previous one.

/** One chunk as a row for INSERT. `titles` caches title grams: a record's chunks share its title. */
export function chunkRow(doc: SearchDocument, titles: Map<string, string>) {
  const body = normalizeForSearch(doc.text);
  let titleGrams = titleIsSearched(doc) ? titles.get(doc.title) : "";
  if (titleGrams === undefined) titles.set(doc.title, (titleGrams = tsvectorLiteral(textGrams(normalizeForSearch(doc.title).text))));
  return {
    id: doc.id, source_type: doc.sourceType, source_id: doc.sourceId, record_id: doc.recordId, draft_id: doc.draftId,
    group_key: groupKeyOf(doc), anchor: doc.anchor, locator: doc.locator,
    title: doc.title, kind: doc.kind, body_id: doc.bodyId, body_name: doc.bodyName, department_id: doc.departmentId,
    department_name: doc.departmentName, fiscal_year: doc.fiscalYear, date: doc.date, tags: doc.tags, text: doc.text,
    grams: tsvectorLiteral(textGrams(body.text)), title_grams: titleGrams,
    words: tsvectorLiteral(segment(body).map((t, i) => ({ token: t.text, position: i + 1 }))),
  };
}

/** A batch as the JSON an INSERT reads; the last chunk of an id wins (one INSERT may not touch a row twice). */
export function rowsJson(docs: SearchDocument[]): string {
  const titles = new Map<string, string>();
  const byId = new Map<string, ReturnType<typeof chunkRow>>();
  for (const doc of docs) byId.set(doc.id, chunkRow(doc, titles));
  return JSON.stringify([...byId.values()]);
}
