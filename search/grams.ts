import { bigrams, normalizeForSearch, type SearchQuery, type QueryTerm } from "./text";

// The tokens both engines match on, with positions. A run of kanji/kana becomes its
// bigrams at consecutive positions, plus a unigram for the run's last character at the
// same position as the last bigram (so every character starts some token, and a
// one-character query can match by prefix). Letters and digits stay whole words. A term
// matches when its grams appear as a phrase: substring semantics for Japanese, so 官民連携
// finds 官民連携プラットフォーム but the reversed 民官連携 finds nothing.

export interface Gram {
  token: string;
  position: number;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]/u;

/** Grams of normalized text, positions from 1. */
export function textGrams(normalized: string): Gram[] {
  const grams: Gram[] = [];
  let position = 0;
  const tokens = bigrams(normalized);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    position++;
    grams.push({ token: t.text, position });
    const next = tokens[i + 1];
    const isCjk = CJK.test(t.text);
    // The last bigram of a run (the next token does not overlap it) also yields its last character.
    if (isCjk && [...t.text].length === 2 && (!next || next.start >= t.end)) {
      grams.push({ token: [...t.text][1]!, position });
    }
  }
  return grams;
}

/**
 * A query term as the grams it must match in order. `prefix`: the last token is a single
 * kanji/kana, which in the text may start a longer run (第2条 inside 第2条第1項, 令和3年 in
 * 令和3年度), so it matches any gram that begins with it.
 */
export interface TermPattern {
  tokens: string[];
  prefix: boolean;
}

export function termPatterns(term: QueryTerm): TermPattern[] {
  const spellings = [term.text, ...term.variants];
  const patterns: TermPattern[] = [];
  for (const spelling of spellings) {
    const normalized = normalizeForSearch(spelling).text;
    const tokens = bigrams(normalized).map((t) => t.text);
    if (!tokens.length) continue;
    const last = tokens[tokens.length - 1]!;
    const prefix = [...last].length === 1 && CJK.test(last);
    patterns.push({ tokens, prefix });
  }
  return patterns;
}

/** The query's clauses as patterns: every match clause must hold (any of its terms), no exclude may. */
export function queryPatterns(query: SearchQuery) {
  const must: TermPattern[][] = [];
  const mustNot: TermPattern[][] = [];
  for (const clause of query.clauses) {
    if (clause.kind === "match") {
      const anyOf = clause.anyOf.flatMap(termPatterns);
      if (anyOf.length) must.push(anyOf);
    } else {
      const patterns = termPatterns(clause.term);
      if (patterns.length) mustNot.push(patterns);
    }
  }
  return { must, mustNot };
}
