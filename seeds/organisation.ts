// Tottori's PT departments with their themes, and the bodies that meet, decide and
// publish: written from ../shared/DOMAIN.md.

export interface DepartmentSeed {
  code: string;
  name: string;
  themes: string[];
}

export const DEPARTMENTS: DepartmentSeed[] = [
  { code: "reiwa", name: "令和新時代創造本部", themes: ["SDGsの推進", "女性への支援"] },
  { code: "koryu", name: "交流人口拡大本部", themes: ["外国人住民への支援"] },
  { code: "somu", name: "総務部", themes: ["人権相談"] },
  { code: "chiiki", name: "地域づくり推進部", themes: ["中山間地域の暮らし"] },
  {
    code: "fukushi",
    name: "福祉保健部",
    themes: ["生活困窮への支援", "再犯防止", "ひきこもり支援", "自殺対策"],
  },
  {
    code: "kosodate",
    name: "子育て・人財局",
    themes: ["子どもの居場所", "児童虐待", "DV", "ひとり親家庭", "不登校"],
  },
  { code: "seikatsu", name: "生活環境部", themes: ["住まいの確保", "犯罪被害者支援", "消費者保護"] },
  { code: "shoko", name: "商工労働部", themes: ["就労支援"] },
  { code: "kyoiku", name: "教育委員会事務局", themes: ["いじめ", "不登校"] },
];

export type BodyLevel = "国" | "県" | "市町村" | "プラットフォーム" | "その他";

export interface BodySeed {
  code: string;
  name: string;
  level: BodyLevel;
  description: string;
}

export const BODIES: BodySeed[] = [
  {
    code: "pt",
    name: "鳥取県庁孤独・孤立対策プロジェクトチーム",
    level: "県",
    description: "2022年2月に設置された部局横断のチームです。統轄監が率い、条例案を起草します。",
  },
  {
    code: "study",
    name: "条例検討研究会",
    level: "県",
    description: "外部の有識者や支援団体が参加し、条例案に条ごとに意見を述べます。",
  },
  {
    code: "tottori-platform",
    name: "とっとり孤独・孤立対策官民連携プラットフォーム",
    level: "プラットフォーム",
    description:
      "県、県教育委員会、市町村、県社会福祉協議会と民間の支援団体が集まり、広報、NPO支援、情報共有、研修に取り組みます。",
  },
  {
    code: "national-council",
    name: "孤独・孤立対策推進会議",
    level: "国",
    description: "全府省の副大臣等で構成し、政府一体で対策を進める会議です。",
  },
  {
    code: "national-platform",
    name: "孤独・孤立対策官民連携プラットフォーム",
    level: "プラットフォーム",
    description: "2022年2月に設立された全国の官民連携の場です。三つの分科会で議論を進めています。",
  },
  {
    code: "wg1",
    name: "分科会1（声を上げやすい・かけやすい社会）",
    level: "プラットフォーム",
    description: "誰もが声を上げやすく、周りが声をかけやすい社会づくりを議論します。",
  },
  {
    code: "wg2",
    name: "分科会2（地域でのきめ細かな支援）",
    level: "プラットフォーム",
    description: "国・自治体・民間団体・NPOの役割分担と、地域での包括的な支援を議論します。",
  },
  {
    code: "wg3",
    name: "分科会3（相談支援の連携）",
    level: "プラットフォーム",
    description: "相談支援における実践的な連携のあり方を議論します。",
  },
];
