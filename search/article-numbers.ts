import { formatAddress, parseAddress } from "../ordinance/numbering";
import type { QueryTerm, SearchQuery } from "./text";

// 第12条の2 and 第十二条の二 cite the same provision: a query in one style also searches
// the other, since national laws number in kanji and prefectural ones in digits.

const NUMERAL = "[0-9〇一二三四五六七八九十百千]+";
const ADDRESS = new RegExp(`第${NUMERAL}条(?:の${NUMERAL})*(?:第${NUMERAL}項)?(?:第${NUMERAL}号(?:の${NUMERAL})*)?`, "gu");

function otherStyles(text: string): string[] {
  const variants: string[] = [];
  for (const match of text.matchAll(ADDRESS)) {
    const path = parseAddress(match[0]);
    if (!path) continue;
    for (const style of ["horizontal", "vertical"] as const) {
      try {
        const spelled = formatAddress(path, style);
        if (spelled !== match[0]) variants.push(text.replace(match[0], spelled));
      } catch {
        // An address one style cannot write (too deep) has no other spelling.
      }
    }
  }
  return variants;
}

function withVariants(term: QueryTerm): QueryTerm {
  const extra = otherStyles(term.text).filter((v) => !term.variants.includes(v));
  return extra.length ? { ...term, variants: [...term.variants, ...extra] } : term;
}

export function addArticleNumberVariants(query: SearchQuery): SearchQuery {
  return {
    ...query,
    clauses: query.clauses.map((c) => (c.kind === "match" ? { ...c, anyOf: c.anyOf.map(withVariants) } : { ...c, term: withVariants(c.term) })),
  };
}
