import { textGrams, type Gram, type TermPattern } from "../grams";
import { normalizeForSearch } from "../text";

// Our grams (search/grams.ts) as Meilisearch words, so that its phrase search matches what
// the Postgres engine's tsquery phrases match.
//
// - Tokens are spelled in ASCII. Meilisearch would otherwise cut our bigrams again with its
//   own Japanese segmenter, and phrases of re-cut bigrams both miss and over-match (33 of
//   388 sampled phrases disagreed with the gram semantics; none once spelled in ASCII).
// - `grams` holds one token per position. textGrams also gives a run's last character at
//   the position of its last bigram; Meilisearch cannot stack two words on one position
//   (inline, they would break phrases across a 、 or ・, e.g. 孤独・孤立), so what those
//   characters are for is kept in `marks`, a bag of marked words:
//   - a lone CJK character query is a prefix in Postgres ('県':* = some gram starts with
//     県); Meilisearch expands only the last query word, so `marks` lists the first
//     character of every gram and the query asks for that exact word;
//   - a phrase may start with a run's last character (法第2条 for 第2条): `marks` lists
//     "character, then the next gram" pairs, and the query asks for the pair plus the rest.

/** Meilisearch reads at most this many words of a query (a phrase is one) and drops the rest. */
export const MAX_QUERY_WORDS = 10;

// As in search/grams.ts: the characters indexed by bigrams.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]/u;

// Letters a–w, y, z and digits stand for themselves; any other code point is "x" and four
// base-36 digits. A prefix code, so distinct grams never share a spelling.
function encodeUncached(text: string): string {
  let out = "";
  for (const ch of text) out += /^[a-wyz0-9]$/.test(ch) ? ch : `x${ch.codePointAt(0)!.toString(36).padStart(4, "0")}`;
  return out;
}

// Spellings are memoised: indexing spells the same few thousand grams over and over (a
// third of the time it took to prepare a chunk). Bounded, for long-running servers.
const spelled = new Map<string, string>();
const MAX_SPELLED = 200_000;
function encode(text: string): string {
  let out = spelled.get(text);
  if (out === undefined) {
    if (spelled.size >= MAX_SPELLED) spelled.clear();
    spelled.set(text, (out = encodeUncached(text)));
  }
  return out;
}

const firstChar = (token: string) => String.fromCodePoint(token.codePointAt(0)!);

// "x" + zzzz / zzzy / zzzx are past the last code point: no gram is spelled with them.
const FIRST_CHAR = "xzzzz";
const THEN = "xzzzy";
/** "gram, then a gram starting with this character": a phrase ending in a prefix (第2条 in 第2条第1項). */
const THEN_STARTING = "xzzzx";

const isLoneCjk = (token: string) => (token.length === 1 || (token.length === 2 && token.codePointAt(0)! > 0xffff)) && CJK.test(token);

/**
 * The `grams` and `marks` of a text, and the normalized text they were made from. Marks are a
 * bag of words (a caller that keeps them as array items spares Meilisearch their proximities).
 */
export function gramFields(text: string): { grams: string; marks: string[]; normalized: string } {
  const normalized = normalizeForSearch(text).text;
  const grams: Gram[] = textGrams(normalized);
  const inline: string[] = [];
  const marks = new Set<string>();
  for (let i = 0; i < grams.length; i++) {
    const g = grams[i]!;
    const spelling = encode(g.token);
    if (i === 0 || grams[i - 1]!.position !== g.position) inline.push(spelling);
    marks.add(FIRST_CHAR + encode(firstChar(g.token)));
    // Positions are consecutive, and grams are in order: the next position's grams follow.
    let end = i + 1;
    while (end < grams.length && grams[end]!.position <= g.position + 1) end++;
    for (let j = i + 1; j < end; j++) {
      if (grams[j]!.position === g.position + 1) marks.add(spelling + THEN_STARTING + encode(firstChar(grams[j]!.token)));
    }
    if (!isLoneCjk(g.token)) continue;
    for (let j = i + 1; j < end; j++) {
      if (grams[j]!.position === g.position + 1) marks.add(spelling + THEN + encode(grams[j]!.token));
    }
  }
  return { grams: inline.join(" "), marks: [...marks], normalized };
}

/**
 * A query pattern as Meilisearch words, all required. Exact but for one case: a phrase of
 * three or more grams starting with a lone CJK character becomes the pair and the rest,
 * which could in principle match at two different places of one chunk.
 */
export function wordsOf(pattern: TermPattern): string[] {
  const [first, ...rest] = pattern.tokens;
  if (pattern.prefix && !rest.length) return [`"${FIRST_CHAR}${encode(first!)}"`];
  if (pattern.prefix) {
    // The phrase without its last character, and a mark that the phrase's last gram is
    // followed by a gram starting with that character (the same two-place caveat as below).
    // A phrase of one gram is in the mark itself, which alone is then exact (2021年: 2021, then 年…).
    const head = pattern.tokens.slice(0, -1);
    const tail = pattern.tokens[pattern.tokens.length - 1]!;
    const mark = `"${encode(head[head.length - 1]!)}${THEN_STARTING}${encode(tail)}"`;
    return head.length === 1 ? [mark] : [...wordsOf({ tokens: head, prefix: false }), mark];
  }
  if (rest.length && isLoneCjk(first!)) {
    const pair = `"${encode(first!)}${THEN}${encode(rest[0]!)}"`;
    return rest.length > 1 ? [pair, `"${rest.map(encode).join(" ")}"`] : [pair];
  }
  return [`"${pattern.tokens.map(encode).join(" ")}"`];
}

/** The query string for patterns that must all match one chunk; cut at Meilisearch's word limit. */
export function queryOf(patterns: TermPattern[]): string {
  const words: string[] = [];
  for (const p of patterns) {
    const w = wordsOf(p);
    if (words.length + w.length > MAX_QUERY_WORDS) break;
    words.push(...w);
  }
  return words.join(" ");
}

export function fitsOneQuery(patterns: TermPattern[]): boolean {
  return patterns.reduce((n, p) => n + wordsOf(p).length, 0) <= MAX_QUERY_WORDS;
}
