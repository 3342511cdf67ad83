// The query language people type in the search box, read without ever failing:
//   a b        both (AND is the default)
//   "a b"      phrase; a quote left open runs to the end of the query
//   -a  -"a b" exclude
//   a OR b     either (upper-case OR between two terms; binds tighter than AND)
// Everything else, regex and SQL metacharacters included, is literal text.

/** Longest query read, in code points; the rest is dropped and reported. */
export const MAX_QUERY_LENGTH = 256;

export type QueryPart =
  | { readonly kind: "term"; readonly raw: string; readonly phrase: boolean; readonly exclude: boolean }
  | { readonly kind: "or" };

// ASCII quote, full-width ＂, and the curly quotes Japanese IMEs and word processors insert.
const QUOTES = new Set(['"', "\uFF02", "\u201C", "\u201D", "\u201E"]);
// Hyphen-minus, full-width hyphen-minus and the minus sign.
const MINUSES = new Set(["-", "\uFF0D", "\u2212"]);
const OR_KEYWORDS = new Set(["OR", "\uFF2F\uFF32"]); // OR and full-width ＯＲ

const isSpace = (ch: string | undefined) => ch !== undefined && /^[\s\p{Z}\p{Cc}]$/u.test(ch);

/** Cuts text to `max` code points without splitting a surrogate pair. */
export function capLength(text: string, max: number = MAX_QUERY_LENGTH): { text: string; truncated: boolean } {
  let units = 0;
  for (let count = 0; count < max && units < text.length; count++) {
    const code = text.codePointAt(units) ?? 0;
    units += code > 0xffff ? 2 : 1;
  }
  return units >= text.length ? { text, truncated: false } : { text: text.slice(0, units), truncated: true };
}

/** Splits a (capped) query into terms and OR keywords, in order. */
export function readQueryParts(query: string): QueryPart[] {
  const parts: QueryPart[] = [];
  let i = 0;
  while (i < query.length) {
    if (isSpace(query[i])) {
      i++;
      continue;
    }
    let exclude = false;
    if (MINUSES.has(query[i]) && i + 1 < query.length && !isSpace(query[i + 1])) {
      exclude = true;
      i++;
    }
    if (QUOTES.has(query[i])) {
      const close = indexOfQuote(query, i + 1);
      const raw = query.slice(i + 1, close);
      if (raw.trim() !== "") parts.push({ kind: "term", raw, phrase: true, exclude });
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < query.length && !isSpace(query[end])) end++;
    const raw = query.slice(i, end);
    if (!exclude && OR_KEYWORDS.has(raw)) parts.push({ kind: "or" });
    else parts.push({ kind: "term", raw, phrase: false, exclude });
    i = end;
  }
  return parts;
}

/** The closing quote's index, or the query's length when the phrase is left open. */
function indexOfQuote(query: string, from: number): number {
  for (let i = from; i < query.length; i++) if (QUOTES.has(query[i])) return i;
  return query.length;
}
