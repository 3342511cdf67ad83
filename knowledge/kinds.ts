// The vocabularies of the knowledge base, with their Japanese labels (the glossary's terms).

export const RECORD_KINDS = ["measure", "minutes", "plan", "survey", "law", "material"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  measure: "施策",
  minutes: "会議録",
  plan: "計画",
  survey: "調査",
  law: "法令",
  material: "資料",
};

export const ISSUER_LEVELS = ["国", "県", "市町村", "プラットフォーム", "その他"] as const;
export type IssuerLevel = (typeof ISSUER_LEVELS)[number];

export const MEASURE_STATUSES = ["予定", "検討中", "実施中", "完了"] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** The managed tag vocabulary; people may add free tags beside these. */
export const MANAGED_TAGS = [
  "ヤングケアラー",
  "老老介護",
  "8050問題",
  "ひきこもり",
  "相談窓口",
  "広報",
  "NPO支援",
  "調査",
  "居場所",
  "レスパイトケア",
  "官民連携",
  "自殺対策",
  "条例",
] as const;

export function isRecordKind(value: unknown): value is RecordKind {
  return typeof value === "string" && (RECORD_KINDS as readonly string[]).includes(value);
}

/** A bar chart drawn on a survey or data record (figures people read at a glance). */
export interface ChartSpec {
  title: string;
  /** Unit of the values, e.g. "%" or "人". */
  unit: string;
  bars: { label: string; value: number; note?: string }[];
  /** Where the figures come from, shown under the chart. */
  source?: string;
}
