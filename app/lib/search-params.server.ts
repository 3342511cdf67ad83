import { parseFiscalYear, parseJapaneseDate } from "../../search/wareki";
import type { SearchRequest } from "../../search/engine";

// The search page's URL as a search request. Dates may be typed as people write them:
// 令和4年度 (April to March), 令和4年, R4.6, 2022-06-21.

export interface DateBound {
  from?: string;
  to?: string;
  error?: string;
}

function lastDay(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The period a typed date or fiscal year covers, or an explanation of why it was not read. */
export function readPeriod(input: string): DateBound {
  const text = input.trim();
  if (!text) return {};
  const fy = /年度/.test(text) ? parseFiscalYear(text) : null;
  if (fy) return { from: fy.start, to: fy.end };
  const date = parseJapaneseDate(text);
  if (!date) return { error: `「${text}」を日付として読み取れません。「令和4年度」「令和4年6月」「2022-06-21」のように入力してください。` };
  const [y, m] = date.iso.split("-").map(Number) as [number, number];
  if (date.precision === "year") return { from: `${y}-01-01`, to: `${y}-12-31` };
  if (date.precision === "month") return { from: `${date.iso}-01`, to: lastDay(y, m) };
  return { from: date.iso, to: date.iso };
}

const ids = (values: string[]) => values.map(Number).filter((n) => Number.isInteger(n) && n > 0);

export function searchRequestFromUrl(params: URLSearchParams): { request: SearchRequest; errors: string[] } {
  const from = readPeriod(params.get("from") ?? "");
  const to = readPeriod(params.get("to") ?? "");
  const page = Number(params.get("page"));
  return {
    errors: [from.error, to.error].filter((e): e is string => Boolean(e)),
    request: {
      query: (params.get("q") ?? "").slice(0, 10_000),
      sort: params.get("sort") === "newest" ? "newest" : "relevance",
      page: Number.isInteger(page) && page > 0 ? page : 1,
      pageSize: 20,
      filters: {
        kinds: params.getAll("kind").filter(Boolean).slice(0, 10),
        tags: params.getAll("tag").filter(Boolean).slice(0, 10),
        departmentIds: ids(params.getAll("department")),
        bodyIds: ids(params.getAll("body")),
        fiscalYears: ids(params.getAll("year")),
        dateFrom: from.from,
        dateTo: to.to,
      },
    },
  };
}
