import type { Gram, TermPattern } from "./grams";

// Postgres text-search literals built from our own grams (the 'simple' parser would split
// them again). Lexemes are quoted and escaped here, so no typed character reaches SQL as syntax.

const MAX_POSITION = 16383;

function lexeme(token: string): string {
  return `'${token.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** 'a':1 'b':2,5 … as a tsvector literal; positions past Postgres' limit are clamped. */
export function tsvectorLiteral(grams: Gram[], weight = ""): string {
  const positions = new Map<string, number[]>();
  for (const g of grams) {
    const list = positions.get(g.token) ?? [];
    if (list.length < 256) list.push(Math.min(g.position, MAX_POSITION));
    positions.set(g.token, list);
  }
  return [...positions].map(([token, list]) => `${lexeme(token)}:${list.map((p) => `${p}${weight}`).join(",")}`).join(" ");
}

/** One pattern as a tsquery: a phrase of its grams, or a prefix for a lone character. */
export function patternQuery(pattern: TermPattern): string {
  if (pattern.prefix) return `${lexeme(pattern.tokens[0]!)}:*`;
  return pattern.tokens.map(lexeme).join(" <-> ");
}

/** Any of the patterns. */
export function anyOfQuery(patterns: TermPattern[]): string {
  return patterns.map((p) => `(${patternQuery(p)})`).join(" | ");
}
