import type { Gram, TermPattern } from "./grams";

// Postgres text-search literals built from our own grams (the 'simple' parser would split
// them again). Lexemes are quoted and escaped here, so no typed character reaches SQL as syntax.

const MAX_POSITION = 16383;

const NEEDS_ESCAPE = /['\\]/;

function lexeme(token: string): string {
  return NEEDS_ESCAPE.test(token) ? `'${token.replace(/\\/g, "\\\\").replace(/'/g, "''")}'` : `'${token}'`;
}

/** 'a':1 'b':2,5 … as a tsvector literal; positions past Postgres' limit are clamped. */
export function tsvectorLiteral(grams: Gram[], weight = ""): string {
  // Built with plain loops and string appends: this runs for every chunk indexed, and the
  // map/join version was a fifth of the indexing time spent in JS.
  const positions = new Map<string, number[]>();
  for (const g of grams) {
    const list = positions.get(g.token);
    const position = g.position < MAX_POSITION ? g.position : MAX_POSITION;
    if (list === undefined) positions.set(g.token, [position]);
    else if (list.length < 256) list.push(position);
  }
  let out = "";
  for (const [token, list] of positions) {
    out += `${out ? " " : ""}${lexeme(token)}:${list[0]}${weight}`;
    for (let i = 1; i < list.length; i++) out += `,${list[i]}${weight}`;
  }
  return out;
}

/** One pattern as a tsquery: a phrase of its grams, or a prefix for a lone character. */
export function patternQuery(pattern: TermPattern): string {
  const last = pattern.tokens.length - 1;
  return pattern.tokens.map((t, i) => (pattern.prefix && i === last ? `${lexeme(t)}:*` : lexeme(t))).join(" <-> ");
}

/** Any of the patterns. */
export function anyOfQuery(patterns: TermPattern[]): string {
  return patterns.map((p) => `(${patternQuery(p)})`).join(" | ");
}

/**
 * The same patterns loosened to "these grams, anywhere": the first, middle and last gram of
 * each phrase. A GIN index answers that exactly without reading a row, and a long phrase
 * costs no more than a short one (官民連携プラットフォーム has eleven grams, each a posting
 * list to walk). It finds candidates only; the phrase itself is checked on them afterwards.
 */
export function anyOfLooseQuery(patterns: TermPattern[]): string {
  return patterns
    .map((p) => {
      // A trailing prefix character ('年':* in 令和3年) expands to every gram starting with
      // it, thousands of posting lists: leave it to the phrase check unless it is all there is.
      const tokens = p.prefix && p.tokens.length > 1 ? p.tokens.slice(0, -1) : p.tokens;
      const last = tokens.length - 1;
      const picked = [...new Set([0, Math.floor(last / 2), last])].map((i) =>
        p.prefix && tokens === p.tokens && i === last ? `${lexeme(tokens[i]!)}:*` : lexeme(tokens[i]!),
      );
      return `(${picked.join(" & ")})`;
    })
    .join(" | ");
}
