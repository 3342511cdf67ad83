// Links between records (or their sections, by heading text): what a meeting discussed,
// what a measure implements, and which data grounds which part of the ordinance outline.
import type { LinkSeed } from "../knowledge-types";

export const LINKS: LinkSeed[] = [
  // Minutes → the measure discussed.
  {
    from: "minutes-pt-2023-04",
    fromSection: "議題2 県独自の孤独・孤立実態調査",
    to: "tottori-measure-loneliness-survey",
    reason: "PT会議で調査案を示し、令和5年度の実施を決めた。",
  },
  {
    from: "minutes-pt-2023-04",
    fromSection: "議題3 休日期間の相談体制",
    to: "tottori-measure-holiday-consultation",
    reason: "休日期間の相談窓口の日程を取りまとめる方針をPT会議で確認した。",
  },
  {
    from: "minutes-pt-2023-04",
    fromSection: "議題1 条例検討の進め方",
    to: "tottori-measure-ordinance-study",
    reason: "条例検討の体制と研究会の立ち上げをPT会議で決めた。",
  },
  {
    from: "minutes-study-2023-05",
    fromSection: "議題1 条例骨子案の説明",
    to: "tottori-ordinance-outline",
    reason: "研究会で説明した骨子案そのものである。",
  },
  {
    from: "minutes-platform-2023-07",
    fromSection: "議題1 広報ツールの作成",
    to: "tottori-measure-publicity-tools",
    reason: "カードとノベルティの案をプラットフォーム会議で協議した。",
  },
  {
    from: "minutes-platform-2023-07",
    fromSection: "議題2 ふるさと納税（ギフ鳥）を活用したNPO支援",
    to: "tottori-measure-giftori-npo-support",
    reason: "ギフ鳥を通じたNPO支援の案をプラットフォーム会議で協議した。",
  },
  {
    from: "minutes-platform-2023-07",
    fromSection: "議題3 支援情報の統一ウェブページ",
    to: "tottori-measure-unified-web",
    reason: "統一ウェブページの整備をプラットフォーム会議で決めた。",
  },
  {
    from: "minutes-study-2023-08",
    fromSection: "議題2 介護者等への支援",
    to: "tottori-ordinance-outline",
    toSection: "介護者等への支援",
    reason: "レスパイトケアを明記する方向で、骨子案のこの部分を条文案にする。",
  },
  {
    from: "minutes-platform-2023-10",
    fromSection: "議題1 令和6年度施策の検討",
    to: "tottori-measure-platform-budget",
    reason: "第2回プラットフォーム会議として次年度施策を協議し、予算化につなげた。",
  },
  {
    from: "minutes-platform-2023-10",
    fromSection: "議題2 家族まるごと相談窓口の拡充",
    to: "tottori-measure-family-desk",
    reason: "窓口の拡充案（相談時間の延長、支援団体との共同対応）を協議した。",
  },

  // Measure → the plan it implements.
  {
    from: "tottori-measure-ordinance-study",
    to: "tottori-ordinance-outline",
    reason: "条例の検討は、この骨子案を条文案に仕上げる作業である。",
  },
  {
    from: "tottori-measure-family-desk",
    to: "tottori-ordinance-outline",
    toSection: "包括的相談",
    reason: "家族全体の相談をまとめて受け止める窓口は、骨子案の包括的相談を具体化するものである。",
  },
  {
    from: "tottori-measure-publicity-tools",
    to: "tottori-ordinance-outline",
    toSection: "気づき・つなぎ",
    reason: "案内ページへの誘導は、支援が必要な人を相談につなぐ取組の一つである。",
  },
  {
    from: "tottori-measure-loneliness-survey",
    to: "national-priority-plan",
    toSection: "本県の取組との関係",
    reason: "国の重点計画の枠組みを踏まえ、県内の実態を把握する取組である。",
  },
  {
    from: "tottori-measure-loneliness-survey",
    to: "national-survey-2021",
    toSection: "調査の概要",
    reason: "県の調査は国の基礎調査の設問を基本とし、結果を比べられるようにする。",
  },
  {
    from: "tottori-measure-unified-web",
    to: "national-info-site",
    reason: "支援制度と相談先を一か所に集める国の情報サイトと同じ考え方で、県の情報を集約する。",
  },
  {
    from: "tottori-measure-giftori-npo-support",
    to: "tottori-platform",
    toSection: "NPO等への支援",
    reason: "プラットフォームの活動の一つであるNPO等への支援を、ふるさと納税で具体化する。",
  },

  // Survey → the part of the ordinance outline it grounds.
  {
    from: "tottori-young-carer-survey",
    fromSection: "「わからない」との回答",
    to: "tottori-ordinance-outline",
    toSection: "気づき・つなぎ",
    reason: "自覚のない子どもが多いことが、周りが気づいてつなぐ仕組みを設ける根拠となる。",
  },
  {
    from: "tottori-young-carer-survey",
    fromSection: "主な結果",
    to: "tottori-ordinance-outline",
    toSection: "ヤングケアラー",
    reason: "県内のヤングケアラーの割合を示すデータである。",
  },
  {
    from: "tottori-elderly-couple-households",
    to: "tottori-ordinance-outline",
    toSection: "老老介護",
    reason: "高齢夫婦世帯の規模が、老老介護への対応を条例で取り上げる根拠となる。",
  },
  {
    from: "tottori-hikikomori-survey",
    fromSection: "年代別の状況",
    to: "tottori-ordinance-outline",
    toSection: "8050問題",
    reason: "40歳代と50歳代のひきこもりが多いことが、8050問題への対応の根拠となる。",
  },

  // Context between structures.
  {
    from: "tottori-platform",
    to: "national-platform",
    reason: "全国の官民連携プラットフォームに対応する県版の連携の場である。",
  },
  {
    from: "tottori-consultation-flow",
    fromSection: "県の相談窓口（東部・中部・西部）",
    to: "tottori-measure-family-desk",
    reason: "地域の相談窓口の体制を、家族まるごと相談窓口の拡充で補強する。",
  },
  {
    from: "national-npo-emergency-support",
    fromSection: "継続的な支援への移行",
    to: "national-16-month-budget",
    reason: "緊急支援に続く継続的な支援の予算である。",
  },
  {
    from: "national-forums",
    fromSection: "NPO等のプラットフォームに向けた準備会合（令和3年9月）",
    to: "national-platform",
    reason: "準備会合の後、官民連携プラットフォームが設立された。",
  },
  {
    from: "national-platform-symposium",
    fromSection: "取り上げられた調査",
    to: "national-survey-2021",
    reason: "シンポジウムの題材となった調査である。",
  },
];
