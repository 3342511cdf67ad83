import type { SearchRequest } from "../search/engine";

// The fixed query mix of the benchmark: the relevance suite's queries, words from rare to
// very common (share of the 100k synthetic chunks that contain them, seed 42, in brackets),
// one- and two-character queries, compounds, era years, phrases, OR, exclusions, filters,
// date sorting and a second page. Every engine and the naive baseline answer the same list.

export interface BenchQuery {
  label: string;
  request: SearchRequest;
}

const q = (query: string, extra: Omit<SearchRequest, "query"> = {}, label = query): BenchQuery => ({
  label,
  request: { query, pageSize: 20, ...extra },
});

export const BENCH_QUERIES: BenchQuery[] = [
  q("官民連携"), // compound typed in part (31%)
  q("官民連携プラットフォーム"), // the full compound
  q("ヤングケアラー"), // katakana term (15%)
  q("８０５０"), // full-width digits (11%)
  q("８０５０問題"),
  q("令和4年度 相談"), // era fiscal year AND a common word
  q("2022年度"), // Western year, also finds 令和4年度
  q("令和3年"), // era year (60%)
  q("平成30年 ひきこもり"),
  q("県"), // one character (64%)
  q("鳥"), // one character inside words (26%)
  q("条例"), // two characters (31%)
  q("支援"), // the most common word (79%)
  q("孤独・孤立"), // very common, with a middle dot (68%)
  q("統轄監"), // rare (2.4%)
  q("基準日"), // rarer (0.5%)
  q("民官連携"), // no hit
  q("量子コンピュータ"), // no hit
  q("ひきこもり"),
  q("引きこもり"), // synonym
  q("レスパイトケア"),
  q("老々介護"), // iteration mark
  q('"家族まるごと相談窓口"'), // quoted phrase (7%)
  q("ギフ鳥 OR ノベルティ"), // OR
  q("ヤングケアラー -調査"), // exclusion of a common word
  q("県 -相談"), // common word minus a common word
  q("NPO"), // Latin letters (33%)
  q("予備費 NPO"),
  q("県 ヤングケアラー 実態 調査 回答 割合"), // many words
  q("支援", { filters: { kinds: ["measure"] } }, "支援 [kind=measure]"),
  q("相談", { filters: { fiscalYears: [2022] } }, "相談 [fy=2022]"),
  q("県", { filters: { departmentIds: [5], dateFrom: "2021-04-01" } }, "県 [dept=5, from 2021-04-01]"),
  q("ヤングケアラー", { filters: { tags: ["ヤングケアラー"] } }, "ヤングケアラー [tag]"),
  q("条例", { filters: { bodyIds: [2], kinds: ["minutes"] } }, "条例 [body=2, kind=minutes]"),
  q("官民連携", { sort: "newest" }, "官民連携 [newest]"),
  q("居場所", { page: 2 }, "居場所 [page 2]"),
];
