import type { SearchFilters, SearchRequest, SearchResponse } from "./engine";
import { analyzeQuery, MAX_QUERY_LENGTH, type SearchQuery } from "./text";
import { addArticleNumberVariants } from "./article-numbers";

// What every engine does with a request before it searches: parse the query the same
// way, bound the page, and tell the person when their query was changed.

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const EMPTY_RESPONSE: SearchResponse = {
  total: 0,
  totalIsLowerBound: false,
  hits: [],
  facets: { kind: [], department: [], body: [], tag: [], fiscalYear: [] },
};

export function analyzeSearch(request: SearchRequest): { query: SearchQuery; page: number; pageSize: number; filters: SearchFilters } {
  const page = Number.isInteger(request.page) && request.page! > 0 ? Math.min(request.page!, 500) : 1;
  const size = Number.isInteger(request.pageSize) && request.pageSize! > 0 ? Math.min(request.pageSize!, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  const query = analyzeQuery(request.query ?? "", request.synonyms ? { synonyms: request.synonyms } : {});
  return { query: addArticleNumberVariants(query), page, pageSize: size, filters: request.filters ?? {} };
}

/** `searchable`: whether anything in the query could match (emoji and dots alone cannot). */
export function noticeFor(raw: string, query: SearchQuery, searchable: boolean): string | undefined {
  if (!searchable) {
    return (raw ?? "").trim()
      ? "検索できる語が含まれていません。記号や絵文字だけでなく、文字を入力してください。"
      : "検索語を入力してください。";
  }
  if (query.truncated) return `検索語が長すぎるため、先頭の${MAX_QUERY_LENGTH}文字で検索しました。`;
  return undefined;
}
