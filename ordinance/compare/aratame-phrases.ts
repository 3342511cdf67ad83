import { diffChars } from "diff";

// Word changes inside one provision as the phrases of a 改め文: 「A」を「B」に改める,
// 「A」の下に「X」を加える, 「X」を削る. A quote covers whole words (a kanji or katakana
// compound counts as one word, so 推進計画 is quoted whole) and grows by a word at a time
// until it occurs only once in the provision, because 「A」を「B」に改める changes every A, and
// until it holds a word of substance: 「県は」の下に, never 「は」の下に; 「実施する。」, never 「。」.

export type EditKind = "replace" | "insert" | "delete";

export interface TextEdit {
  readonly kind: EditKind;
  /** replace and delete: the older words quoted; insert: the words the addition follows. */
  readonly quoted: string;
  /** replace: the newer words; insert: the words added; delete: "". */
  readonly text: string;
}

export type Verb = "改める" | "削る" | "加える" | "とする" | "付する" | "繰り下げる" | "繰り上げる";

/** A run of words ending in a verb: "「A」を「B」に、「C」を「D」に" + 改める. */
export interface Phrase {
  readonly text: string;
  readonly verb: Verb;
}

/** How much of a text changed: 0 when the same, 1 when nothing is shared. */
export function changedShare(before: string, after: string): number {
  const total = before.length + after.length;
  if (total === 0) return 0;
  let changed = 0;
  for (const part of diffChars(before, after)) if (part.added || part.removed) changed += part.value.length;
  return changed / total;
}

/** Older-text range [start, end) replaced by `added`. */
interface Span {
  start: number;
  end: number;
  added: string;
}

/**
 * The edits that turn `before` into `after`, front to back, each quoted so that it occurs
 * once in the text as it stands when the edit is made. `rest` is the rest of the provision
 * as cited (its items and subitems), which a quote must not match either.
 */
export function textEdits(before: string, after: string, rest = ""): TextEdit[] {
  let spans = toWordEdges(before, after, changedStretches(before, after)).map(
    (c): Span => ({ start: c.start, end: c.end, added: after.slice(c.newStart, c.newEnd) }),
  );
  for (;;) {
    const result = quoteAll(before, spans, rest);
    if ("edits" in result) return result.edits;
    spans = result.merged;
  }
}

/** [start, end) of the older text became [newStart, newEnd) of the newer. */
interface Stretch {
  start: number;
  end: number;
  newStart: number;
  newEnd: number;
}

/**
 * Raw character differences: widening to whole words (below) does the tidying, and keeps two
 * changed words apart when a particle stands between them.
 */
function changedStretches(before: string, after: string): Stretch[] {
  const stretches: Stretch[] = [];
  let [at, newAt] = [0, 0];
  let open: Stretch | null = null;
  for (const part of diffChars(before, after)) {
    const length = part.value.length;
    if (!part.added && !part.removed) {
      open = null;
      at += length;
      newAt += length;
      continue;
    }
    if (!open) {
      open = { start: at, end: at, newStart: newAt, newEnd: newAt };
      stretches.push(open);
    }
    if (part.removed) open.end = at += length;
    else open.newEnd = newAt += length;
  }
  return stretches;
}

/**
 * Widens each change until it begins and ends on a word edge of both texts, so that a quote
 * never cuts a word of either (「公布の日」を「令和9年4月1日」に, not 「公布の」を「令和9年4月1」に).
 * The widening takes in shared text, so it reads the same on both sides; changes that meet
 * become one.
 */
function toWordEdges(before: string, after: string, stretches: readonly Stretch[]): Stretch[] {
  const [oldEdges, newEdges] = [wordEdges(before), wordEdges(after)];
  const onEdge = (at: number, newAt: number) => oldEdges.has(at) && newEdges.has(newAt);
  const result: Stretch[] = [];
  for (let i = 0; i < stretches.length; i++) {
    let c = { ...stretches[i] };
    const previous = result.at(-1);
    const floor = previous ? previous.end : 0;
    while (c.start > floor && !onEdge(c.start, c.newStart)) [c.start, c.newStart] = [c.start - 1, c.newStart - 1];
    if (previous && c.start === floor) {
      previous.end = c.end;
      previous.newEnd = c.newEnd;
      c = result.pop()!;
    }
    for (;;) {
      const next = stretches[i + 1];
      const ceiling = next ? next.start : before.length;
      while (c.end < ceiling && !onEdge(c.end, c.newEnd)) [c.end, c.newEnd] = [c.end + 1, c.newEnd + 1];
      if (!next || c.end < ceiling) break;
      [c.end, c.newEnd] = [next.end, next.newEnd];
      i++;
    }
    result.push(tighten(before, after, c, onEdge));
  }
  return result;
}

/**
 * Gives back whole words both sides of a change share at either end. The character diff may
 * align 確実に実施 with 実施 through the first 実; the change is still 「速やかに、かつ、確実に」.
 */
function tighten(before: string, after: string, c: Stretch, onEdge: (at: number, newAt: number) => boolean): Stretch {
  const [older, newer] = [before.slice(c.start, c.end), after.slice(c.newStart, c.newEnd)];
  let shared = 0;
  while (shared < Math.min(older.length, newer.length) && older.at(-1 - shared) === newer.at(-1 - shared)) shared++;
  let cut = shared;
  while (cut > 0 && !onEdge(c.end - cut, c.newEnd - cut)) cut--;
  const trimmed = { ...c, end: c.end - cut, newEnd: c.newEnd - cut };
  const limit = Math.min(trimmed.end - trimmed.start, trimmed.newEnd - trimmed.newStart);
  let lead = 0;
  while (lead < limit && before[trimmed.start + lead] === after[trimmed.newStart + lead]) lead++;
  while (lead > 0 && !onEdge(trimmed.start + lead, trimmed.newStart + lead)) lead--;
  return { ...trimmed, start: trimmed.start + lead, newStart: trimmed.newStart + lead };
}

type QuoteResult = { edits: TextEdit[] } | { merged: Span[] };

/**
 * Quotes each span in turn against the text as the earlier edits left it. A quote that had to
 * grow into a neighbouring change is merged with it and the whole is quoted again.
 */
function quoteAll(before: string, spans: readonly Span[], rest: string): QuoteResult {
  const edits: TextEdit[] = [];
  let text = before;
  let shift = 0;
  let previousEnd = 0;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    const start = span.start + shift;
    const end = span.end + shift;
    const quote = quoteOne(text, start, end, span.added, rest);
    const next = spans[i + 1];
    if (quote.from < previousEnd && i > 0) return { merged: mergeAt(before, spans, i - 1) };
    if (next && quote.to > next.start + shift) return { merged: mergeAt(before, spans, i) };
    edits.push(quote.edit);
    text = text.slice(0, start) + span.added + text.slice(end);
    shift += span.added.length - (span.end - span.start);
    previousEnd = start + span.added.length + (quote.to - end);
  }
  return { edits };
}

/** Two spans of the older text as one, `between` being the older text that separates them. */
function joinSpans(a: Span, b: Span, between: string): Span {
  return { start: a.start, end: b.end, added: a.added + between + b.added };
}

function mergeAt(before: string, spans: readonly Span[], i: number): Span[] {
  const joined = joinSpans(spans[i], spans[i + 1], before.slice(spans[i].end, spans[i + 1].start));
  return [...spans.slice(0, i), joined, ...spans.slice(i + 2)];
}

interface Quote {
  readonly edit: TextEdit;
  /** The quoted range of the current text. */
  readonly from: number;
  readonly to: number;
}

function quoteOne(text: string, start: number, end: number, added: string, rest: string): Quote {
  const edges = [...wordEdges(text)].sort((a, b) => a - b);
  const scope = `${text}\n${rest}`;
  if (start === end) {
    const anchor = uniqueAnchor(text, start, edges, scope);
    if (anchor !== null) return { edit: { kind: "insert", quoted: text.slice(anchor, start), text: added }, from: anchor, to: start };
  }
  let from = start;
  let to = end;
  if (from === to) to = edges.find((edge) => edge > to) ?? text.length;
  // Grow a word at a time, left then right, until the quote occurs once and says something.
  for (let left = true; !quotable(scope, text.slice(from, to)); left = !left) {
    const wider = left ? widerLeft(text, from, edges) : edges.find((edge) => edge > to);
    if (wider === undefined) {
      if (from === 0 && to === text.length) break;
      continue;
    }
    if (left) from = wider;
    else to = wider;
  }
  const quoted = text.slice(from, to);
  const replacement = text.slice(from, start) + added + text.slice(end, to);
  const kind: EditKind = replacement === "" ? "delete" : "replace";
  return { edit: { kind, quoted, text: replacement }, from, to };
}

/** Where the words an insertion follows begin, widened leftwards until they occur once. */
function uniqueAnchor(text: string, at: number, edges: readonly number[], scope: string): number | null {
  for (let from = widerLeft(text, at, edges); from !== undefined; from = widerLeft(text, from, edges)) {
    if (quotable(scope, text.slice(from, at))) return from;
  }
  return null;
}

/**
 * The next word edge to the left, passing over a particle so that a quote does not open
 * with one: 「県内で事業」, not 「で事業」.
 */
function widerLeft(text: string, from: number, edges: readonly number[]): number | undefined {
  const before = (at: number) => [...edges].reverse().find((edge) => edge < at);
  let edge = before(from);
  while (edge !== undefined && edge > 0 && PARTICLE.test(text.slice(edge, nextEdge(edge, edges)))) edge = before(edge);
  return edge;
}

function nextEdge(at: number, edges: readonly number[]): number {
  return edges.find((edge) => edge > at) ?? at;
}

const PARTICLE = /^\p{Script=Hiragana}+$/u;

/** Occurs once in the provision and holds a kanji, katakana, letter or digit, or three kana (ものとする). */
function quotable(scope: string, quote: string): boolean {
  const substantial = SUBSTANCE.test(quote) || (quote.match(/\p{Script=Hiragana}/gu)?.length ?? 0) >= 3;
  return substantial && occurrences(scope, quote) === 1;
}

const SUBSTANCE = /[\p{Script=Han}\p{Script=Katakana}\p{Script=Latin}\p{N}]/u;

function occurrences(haystack: string, needle: string): number {
  if (needle === "") return Infinity;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

const segmenter = new Intl.Segmenter("ja", { granularity: "word" });
const KANJI = /^[\p{Script=Han}々〆ヶ]+$/u;
const DIGITS = /^\p{N}+$/u;
const ERA = /^(令和|平成|昭和|大正|明治)$/u;
const KATAKANA = /^[\p{Script=Katakana}ー]+$/u;

/**
 * Offsets where a word begins or ends. ICU splits compounds (推進|計画, 総合|的, 5|年); drafters
 * quote them whole, so neighbouring segments written wholly in kanji (or digits and the kanji
 * counter after them, an era and its year), or wholly in katakana, are one word.
 */
export function wordEdges(text: string): Set<number> {
  const edges = new Set<number>([0, text.length]);
  let previous = "";
  for (const { segment, index } of segmenter.segment(text)) {
    const compound =
      (KANJI.test(segment) && (KANJI.test(previous) || DIGITS.test(previous))) ||
      (DIGITS.test(segment) && ERA.test(previous)) ||
      (KATAKANA.test(previous) && KATAKANA.test(segment));
    if (!compound) edges.add(index);
    previous = segment;
  }
  return edges;
}

/** Consecutive edits of one kind share their verb: 「A」を「B」に、「C」を「D」に改める. */
export function editPhrases(edits: readonly TextEdit[]): Phrase[] {
  const phrases: Phrase[] = [];
  for (let i = 0; i < edits.length; ) {
    let j = i;
    while (j < edits.length && edits[j].kind === edits[i].kind) j++;
    phrases.push(phraseOf(edits.slice(i, j)));
    i = j;
  }
  return phrases;
}

function phraseOf(run: readonly TextEdit[]): Phrase {
  switch (run[0].kind) {
    case "replace":
      return { text: run.map((e) => `「${e.quoted}」を「${e.text}」に`).join("、"), verb: "改める" };
    case "insert":
      return { text: run.map((e) => `「${e.quoted}」の下に「${e.text}」を`).join("、"), verb: "加える" };
    case "delete":
      return { text: `${listed(run.map((e) => `「${e.quoted}」`))}を`, verb: "削る" };
  }
}

/** 「A」, 「A」及び「B」, 「A」、「B」及び「C」. */
function listed(quotes: readonly string[]): string {
  if (quotes.length === 1) return quotes[0];
  return `${quotes.slice(0, -1).join("、")}及び${quotes.at(-1)}`;
}
