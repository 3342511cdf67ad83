import type { Actor } from "../auth/policy";
import { queryOne, type Queryable } from "../db/database";
import { getDraft } from "../drafting/drafts";
import { UserFacingError } from "../lib/errors";
import { formatJapaneseDate, parseJapaneseDate } from "../search/wareki";
import { COMMENT_KIND_LABELS, DISPOSITION_LABELS } from "./comments";
import { listThreads, type ThreadView } from "./threads";

// The 意見対応表: one row per top-level comment the reader may see, in the order of the
// clauses in the draft, as prefecture staff hand it round. CSV, XLSX, DOCX and the print
// view all render this one table (response-export.ts, the print route).

export interface ResponseTableOptions {
  /** Comments written at or after this instant. */
  from?: Date;
  /** Comments written before this instant (exclusive; see parsePeriod for a last day). */
  to?: Date;
  /** Only comments written after this version (版) was saved and before the next one. */
  versionId?: number;
  /** Names become 委員A, 委員B … in the order people first appear in the table. */
  anonymise?: boolean;
}

export interface ResponseRow {
  no: number;
  commentId: number;
  /** 条項: where the clause is now, or `…（削除済み）` with its last address. */
  address: string;
  /** 種類: 意見, 質問 or 修文案. */
  kind: string;
  /** 意見の概要: the full text, with the suggested wording for a 修文案. */
  summary: string;
  /** 提出者 */
  submitter: string;
  /** 対応区分, or 未対応. */
  disposition: string;
  /** 県の考え方 */
  response: string;
}

export interface ResponseTable {
  draftId: number;
  draftTitle: string;
  /** The period as people read it (令和8年11月1日から…), or null for every comment. */
  periodLabel: string | null;
  /** 第1次案に対する意見, when the table is for one version. */
  versionLabel: string | null;
  anonymised: boolean;
  rows: ResponseRow[];
}

/**
 * The columns in order, with their headings and widths in full-width characters: together
 * about one A4 landscape line at 9 pt; every format scales them to its page.
 */
export const RESPONSE_COLUMNS: readonly { key: Exclude<keyof ResponseRow, "commentId">; label: string; width: number }[] = [
  { key: "no", label: "No.", width: 4 },
  { key: "address", label: "条項", width: 10 },
  { key: "kind", label: "種類", width: 5 },
  { key: "summary", label: "意見の概要", width: 28 },
  { key: "submitter", label: "提出者", width: 10 },
  { key: "disposition", label: "対応区分", width: 6 },
  { key: "response", label: "県の考え方", width: 27 },
];

export const UNDISPOSED_LABEL = "未対応";

/** Every top-level comment of the draft that is neither withdrawn nor hidden; the caller checks draft.read. */
export async function responseTable(db: Queryable, reader: Actor, draftId: number, options: ResponseTableOptions = {}): Promise<ResponseTable> {
  const draft = await getDraft(db, draftId);
  if (!draft) throw new UserFacingError(`番号 ${draftId} の条例案は見つかりません。条例案の一覧で番号を確かめてください。`, 404, "not_found");
  const { from, to } = options;
  if (from && to && from.getTime() >= to.getTime()) throw new UserFacingError("期間の始まりが終わりより後になっています。日付を入れ替えてください。");
  let versionLabel: string | null = null;
  if (options.versionId !== undefined) {
    const version = await queryOne<{ label: string }>(db, "SELECT label FROM draft_versions WHERE id = $1 AND draft_id = $2", [options.versionId, draftId]);
    if (!version) throw new UserFacingError(`この条例案に版 ${options.versionId} はありません。版の番号は版の一覧で確かめてください。`, 400, "no_version");
    versionLabel = `${version.label}に対する意見`;
  }
  const threads = (await listThreads(db, reader, draftId)).filter(
    (t) =>
      !t.deleted &&
      !t.hidden &&
      (options.versionId === undefined || t.versionId === options.versionId) &&
      (!from || Date.parse(t.createdAt) >= from.getTime()) &&
      (!to || Date.parse(t.createdAt) < to.getTime()),
  );
  const pseudonyms = new Map<number, string>();
  const rows = threads.map((thread, i): ResponseRow => ({
    no: i + 1,
    commentId: thread.id,
    address: thread.clauseDeleted ? `${thread.address}（削除済み）` : thread.address,
    kind: COMMENT_KIND_LABELS[thread.kind],
    summary: summaryOf(thread),
    submitter: submitterOf(thread, options.anonymise ? pseudonyms : null),
    disposition: thread.disposition ? DISPOSITION_LABELS[thread.disposition] : UNDISPOSED_LABEL,
    response: thread.response ?? "",
  }));
  return { draftId, draftTitle: draft.title, periodLabel: periodLabel(from, to), versionLabel, anonymised: Boolean(options.anonymise), rows };
}

function summaryOf(thread: ThreadView): string {
  if (thread.kind !== "suggestion" || !thread.suggestion) return thread.body;
  // A suggestion for a selected range replaces that range only: say so the way 改め文 does.
  const wording = thread.rangeText ? `「${thread.rangeText}」を「${thread.suggestion}」に改める。` : thread.suggestion;
  return `${thread.body}\n【修文案】${wording}`;
}

function submitterOf(thread: ThreadView, pseudonyms: Map<number, string> | null): string {
  const person = thread.onBehalfOf ?? thread.author;
  let name = person.name;
  if (pseudonyms) {
    if (!pseudonyms.has(person.id)) pseudonyms.set(person.id, `委員${sequenceLetters(pseudonyms.size)}`);
    name = pseudonyms.get(person.id)!;
  }
  if (!thread.onBehalfOf) return name;
  // Anonymised tables do not name the meeting either: its minutes would say who spoke.
  if (pseudonyms) return `${name}（会議での発言）`;
  return thread.onBehalfOf.minutesTitle ? `${name}（${thread.onBehalfOf.minutesTitle}より）` : `${name}（会議での発言）`;
}

/** A, B, … Z, AA, AB …: the 27th person still gets a label of their own. */
export function sequenceLetters(index: number): string {
  let label = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  return label;
}

// Periods are read as dates in Japan: a day starts at 00:00 JST whatever the server's zone.
const JST_OFFSET = "+09:00";

/**
 * Reads a period typed by a person: ISO (2026-11-01) or 和暦 (令和8年11月1日), a month or a
 * year alone too. `to` includes the whole of its last day, month or year.
 */
export function parsePeriod(input: { from?: string | null; to?: string | null }): Pick<ResponseTableOptions, "from" | "to"> {
  const from = input.from?.trim() ? periodEdge(input.from.trim(), "start") : undefined;
  const to = input.to?.trim() ? periodEdge(input.to.trim(), "end") : undefined;
  if (from && to && from.getTime() >= to.getTime()) throw new UserFacingError("期間の始まりが終わりより後になっています。日付を入れ替えてください。");
  return { from, to };
}

function periodEdge(text: string, edge: "start" | "end"): Date {
  const parsed = parseJapaneseDate(text);
  if (!parsed) throw new UserFacingError(`「${text.slice(0, 40)}」を日付として読めません。2026-11-01 や 令和8年11月1日 の形で入力してください。`, 400, "bad_date");
  const [year, month = 1, day = 1] = parsed.iso.split("-").map(Number) as [number, number?, number?];
  const start = new Date(`${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}T00:00:00${JST_OFFSET}`);
  if (edge === "start") return start;
  // The next day, month or year begins where this one ends; Date.UTC rolls the overflow over.
  const next = new Date(Date.UTC(year + (parsed.precision === "year" ? 1 : 0), month - 1 + (parsed.precision === "month" ? 1 : 0), day + (parsed.precision === "day" ? 1 : 0)));
  return new Date(`${next.toISOString().slice(0, 10)}T00:00:00${JST_OFFSET}`);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The JST calendar date of an instant, as ISO. */
export function jstDate(instant: Date): string {
  return new Date(instant.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

function periodLabel(from: Date | undefined, to: Date | undefined): string | null {
  if (!from && !to) return null;
  const day = (d: Date) => formatJapaneseDate(jstDate(d)) ?? jstDate(d);
  const last = to && day(new Date(to.getTime() - 1));
  if (!from) return `${last}までに出された意見`;
  return last ? `${day(from)}から${last}までに出された意見` : `${day(from)}以降に出された意見`;
}
