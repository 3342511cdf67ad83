// Synonyms and 表記揺れ (spelling variants) expanded at query time: a query for 子供 also
// looks for 子ども and こども. Spellings the normalizer already folds (katakana/hiragana,
// width, 々, old kanji) need no entry here.

import { normalizeText } from "./normalize";

/** One group of equivalent terms, in any spelling; they are normalized before use. */
export type SynonymSet = readonly string[];

export const DEFAULT_SYNONYMS: readonly SynonymSet[] = [
  ["子ども", "子供", "こども"],
  ["ひきこもり", "引きこもり", "引き籠もり", "引き籠り"],
  ["8050問題", "はちまるごーまる問題"],
  ["ヤングケアラー", "若年介護者"],
  ["障がい者", "障害者", "障碍者"],
  ["障がい", "障害", "障碍"],
  ["レスパイトケア", "レスパイト・ケア"],
  ["会議録", "議事録"],
  ["気づき", "気付き"],
  ["つなぎ", "繋ぎ"],
  ["ひとり親", "一人親"],
  ["誰一人取り残さない", "誰ひとり取り残さない"],
  ["NPO法人", "特定非営利活動法人"],
  ["DV", "ドメスティック・バイオレンス", "ドメスティックバイオレンス"],
  ["SDGs", "持続可能な開発目標"],
  ["PT", "プロジェクトチーム"],
];

type SynonymIndex = ReadonlyMap<string, readonly string[]>;

// Compiled once per list (by identity), so callers can pass the raw list on every query.
const compiled = new WeakMap<readonly SynonymSet[], SynonymIndex>();

function indexOf(sets: readonly SynonymSet[]): SynonymIndex {
  const cached = compiled.get(sets);
  if (cached !== undefined) return cached;
  const index = new Map<string, string[]>();
  for (const set of sets) {
    const group = [...new Set(set.map(normalizeText).filter((term) => term !== ""))];
    for (const term of group) {
      // A term in several groups gets the union of them.
      const known = index.get(term) ?? [];
      index.set(term, [...new Set([...known, ...group])]);
    }
  }
  compiled.set(sets, index);
  return index;
}

/**
 * The normalized term followed by its normalized equivalents from `sets` (the term alone
 * when it belongs to no group). Matching is on the whole normalized term.
 */
export function expandSynonyms(term: string, sets: readonly SynonymSet[] = DEFAULT_SYNONYMS): string[] {
  const normalized = normalizeText(term);
  if (normalized === "") return [];
  const group = indexOf(sets).get(normalized) ?? [];
  return [normalized, ...group.filter((other) => other !== normalized)];
}
