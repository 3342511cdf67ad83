import type { Queryable } from "../db/database";
import { UserFacingError } from "../lib/errors";
import { formatFiscalYear, formatJapaneseDate } from "../search/wareki";
import { listDecisions } from "./decisions";
import { RECORD_KIND_LABELS } from "./kinds";
import { linksFrom, linksTo } from "./links";
import { getRecord, getSections } from "./records";

/** A record with its parts, decisions and links: what `kizuna export` prints. */
export async function exportRecordJson(db: Queryable, id: number) {
  const record = await getRecord(db, id);
  if (!record) throw new UserFacingError(`ID ${id} の記録は見つかりません。`, 404, "not_found");
  const [sections, outgoing, incoming, decisions] = await Promise.all([
    getSections(db, id),
    linksFrom(db, "record", id),
    linksTo(db, "record", id),
    listDecisions(db, { sourceRecordId: id }),
  ]);
  return { record, sections, links: { outgoing, incoming }, decisions };
}

/** The record as Markdown that reads well on its own (and imports back as the same body). */
export async function exportRecordMarkdown(db: Queryable, id: number): Promise<string> {
  const { record, decisions } = await exportRecordJson(db, id);
  const facts: string[] = [`- 種別: ${RECORD_KIND_LABELS[record.kind]}`];
  if (record.date) facts.push(`- 日付: ${formatJapaneseDate(record.date.slice(0, record.datePrecision === "year" ? 4 : record.datePrecision === "month" ? 7 : 10)) ?? record.date}`);
  if (record.fiscalYear) facts.push(`- 年度: ${formatFiscalYear(record.fiscalYear)}`);
  if (record.bodyName) facts.push(`- 会議体・発出機関: ${record.bodyName}`);
  if (record.departmentName) facts.push(`- 部局: ${record.departmentName}`);
  if (record.status) facts.push(`- 状況: ${record.status}`);
  if (record.sourceUrl) facts.push(`- 出典: ${record.sourceUrl}`);
  if (record.tags.length) facts.push(`- タグ: ${record.tags.join("、")}`);
  const parts = [`# ${record.title}`, facts.join("\n")];
  if (record.summary) parts.push(record.summary);
  if (record.bodyText) parts.push(record.bodyText);
  if (decisions.length) parts.push(["## 決定事項", ...decisions.map((d) => `- ${d.text}（${d.decidedOn}）`)].join("\n"));
  return parts.join("\n\n") + "\n";
}
