// Domain terms kept whole by the segmenter, from the glossary and brief in
// shared/DOMAIN.md. Chosen because Intl.Segmenter splits them (ひきこもり → ひき|こ|も|り,
// 家族会 → 家族|会) and people search for them as one thing. Whole compounds are not
// listed when their parts are what people search (重点計画 → 重点|計画 is fine).
// Written in their usual spelling; the dictionary normalizes them.

export const DEFAULT_TERMS: readonly string[] = [
  // Themes of the ordinance
  "ひきこもり",
  "引きこもり",
  "ヤングケアラー",
  "8050問題",
  "老老介護",
  "レスパイトケア",
  "家族会",
  "気づき",
  "包括的相談",
  "障がい者",
  "誰一人取り残さない",
  "官民連携プラットフォーム",
  "家族まるごと相談窓口",
  "人々のつながりに関する基礎調査",
  "ギフ鳥",
  "不登校",
  "中山間地域",
  "社会福祉協議会",
  // Bodies and posts
  "研究会",
  "分科会",
  "統轄監",
  "会議体",
  "教育委員会",
  // Drafting (法制執務)
  "条例案",
  "新旧対照表",
  "改め文",
  "修文案",
  "号の細分",
  "意見対応表",
  "県の考え方",
  "対応区分",
  "一部反映",
  "会議録",
  "議事録",
];
