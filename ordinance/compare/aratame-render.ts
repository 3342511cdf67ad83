import { formatNumeral, type NumberingStyle, type ProvisionNumber } from "../numbering";
import { formatCountedNumber } from "../numbering/provision-number";
import type { Phrase, Verb } from "./aratame-phrases";

// Clauses of a 改め文 as sentences: the provision each clause names, cited by its number at
// that point of the amendment and shortened to 同条 / 同項 / 同号 when the sentence named it
// last; verbs joined in the continuative form (改め、削り、とし、加え) and the last one ending
// the sentence. A clause followed by new text (次のように改める, 次の1条を加える) ends it.

/** A line for `unsupported`: what cannot be written, why when it helps, and where to look instead. */
export function unsupportedLine(what: string, reason: string | null): string {
  return `${what}は改め文で表せません${reason ? `（${reason}）` : ""}。新旧対照表をご覧ください。`;
}

/** One level of a reference: which provision (for 同…) and its number at that point. */
export interface Level<N> {
  readonly id: object;
  readonly number: N;
}

/** A provision named in a clause, with the numbers valid when the clause takes effect. */
export interface Ref {
  readonly supplementary: boolean;
  readonly article?: Level<ProvisionNumber>;
  /** `sole`: the article (or 附則) has one paragraph, so it is cited without 第1項. */
  readonly paragraph?: Level<number> & { readonly sole: boolean };
  readonly item?: Level<ProvisionNumber>;
}

export type Unit = "条" | "項" | "号";

export type Clause =
  | { readonly kind: "title"; readonly body: readonly string[] }
  | { readonly kind: "edit"; readonly target: Ref; readonly part: "text" | "caption"; readonly phrases: readonly Phrase[] }
  | { readonly kind: "captionSet"; readonly target: Ref; readonly caption: string }
  | { readonly kind: "captionAdd"; readonly target: Ref; readonly caption: string }
  | { readonly kind: "captionDelete"; readonly target: Ref }
  | { readonly kind: "replace"; readonly target: Ref; readonly body: readonly string[] }
  | { readonly kind: "delete"; readonly target: Ref }
  | { readonly kind: "deleteRun"; readonly first: Ref; readonly last: Ref; readonly count: number }
  | { readonly kind: "move"; readonly target: Ref; readonly to: Ref }
  | { readonly kind: "shift"; readonly first: Ref; readonly last: Ref; readonly by: number }
  | {
      readonly kind: "insert";
      readonly at: "after" | "before" | "end";
      /** The sibling it goes after or before, or the provision it ends ("end"). */
      readonly anchor: Ref;
      readonly unit: Unit;
      readonly count: number;
      readonly body: readonly string[];
      /** In an ordinance divided into chapters, the chapter (or section) it goes into: 第1章中. */
      readonly within?: string;
    };

/** What the sentence named last, for 同条 / 同項 / 同号. */
interface Named {
  article?: object;
  paragraph?: object;
  item?: object;
}

const CONTINUATIVE: Readonly<Record<Verb, string>> = {
  改める: "改め",
  削る: "削り",
  加える: "加え",
  とする: "とし",
  付する: "付し",
  繰り下げる: "繰り下げ",
  繰り上げる: "繰り上げ",
};

/** Each sentence as printed: indented one space, new text after it as the ordinance prints it. */
export function renderSentences(sentences: readonly (readonly Clause[])[], style: NumberingStyle): string[] {
  const lines: string[] = [];
  for (const sentence of sentences) {
    let phrases: Phrase[] = [];
    let named: Named = {};
    const flush = () => {
      if (phrases.length > 0) lines.push(`　${joinPhrases(phrases)}`);
      phrases = [];
      named = {};
    };
    for (const clause of compressDeletions(compressShifts(sentence))) {
      phrases.push(...clausePhrases(clause, named, style));
      const body = "body" in clause ? clause.body : null;
      if (body) {
        flush();
        lines.push(...body);
      }
    }
    flush();
  }
  return lines;
}

function joinPhrases(phrases: readonly Phrase[]): string {
  return phrases.map((p, i) => p.text + (i === phrases.length - 1 ? `${p.verb}。` : `${CONTINUATIVE[p.verb]}、`)).join("");
}

function clausePhrases(clause: Clause, named: Named, style: NumberingStyle): Phrase[] {
  const cite = (ref: Ref) => citeNamed(ref, named, style);
  switch (clause.kind) {
    case "title":
      return [{ text: "題名を次のように", verb: "改める" }];
    case "edit": {
      const head = `${cite(clause.target)}${clause.part === "caption" ? "の見出し" : ""}中`;
      return clause.phrases.map((p, i) => (i === 0 ? { ...p, text: head + p.text } : p));
    }
    case "captionSet":
      return [{ text: `${cite(clause.target)}の見出しを「（${clause.caption}）」に`, verb: "改める" }];
    case "captionAdd":
      return [{ text: `${cite(clause.target)}に見出しとして「（${clause.caption}）」を`, verb: "付する" }];
    case "captionDelete":
      return [{ text: `${cite(clause.target)}の見出しを`, verb: "削る" }];
    case "replace":
      return [{ text: `${cite(clause.target)}を次のように`, verb: "改める" }];
    case "delete":
      return [{ text: `${cite(clause.target)}を`, verb: "削る" }];
    case "deleteRun": {
      const unit = unitOf(clause.first);
      const from = cite(clause.first);
      forgetDeepest(clause.first, named);
      const to = formatCountedNumber(unit, [deepestNumber(clause.last)], style);
      return [{ text: `${from}${clause.count === 2 ? "及び" : "から"}${to}${clause.count === 2 ? "" : "まで"}を`, verb: "削る" }];
    }
    case "move":
      return [{ text: `${cite(clause.target)}を${destination(clause.to, style)}`, verb: "とする" }];
    case "shift": {
      const unit = unitOf(clause.first);
      const from = cite(clause.first);
      forgetDeepest(clause.first, named);
      const to = formatCountedNumber(unit, [deepestNumber(clause.last)], style);
      const verb: Verb = clause.by > 0 ? "繰り下げる" : "繰り上げる";
      return [{ text: `${from}から${to}までを${formatNumeral(Math.abs(clause.by), style)}${unit}ずつ`, verb }];
    }
    case "insert": {
      const where = clause.at === "after" ? "の次に" : clause.at === "before" ? "の前に" : "に";
      const what = `次の${formatNumeral(clause.count, style)}${clause.unit}を`;
      // After 第2章中 the neighbour is named in full, never as 同条.
      if (clause.within) for (const level of ["article", "paragraph", "item"] as const) delete named[level];
      return [{ text: `${clause.within ? `${clause.within}中` : ""}${cite(clause.anchor)}${where}${what}`, verb: "加える" }];
    }
  }
}

/** The full citation: 第3条第2項第1号, 第2条第3号 (one paragraph), 附則第2項, 附則. */
export function fullCitation(ref: Ref, style: NumberingStyle): string {
  let text = ref.supplementary ? "附則" : "";
  if (ref.article) text += formatCountedNumber("条", ref.article.number, style);
  if (ref.paragraph && !ref.paragraph.sole) text += formatCountedNumber("項", [ref.paragraph.number], style);
  if (ref.item) text += formatCountedNumber("号", ref.item.number, style);
  return text;
}

/** Cites a provision, as 同条 / 同項 / 同号 when the sentence named it (or its article) last. */
function citeNamed(ref: Ref, named: Named, style: NumberingStyle): string {
  const text = shortCitation(ref, named, style) ?? fullCitation(ref, style);
  named.article = ref.article?.id;
  named.paragraph = ref.paragraph?.id;
  named.item = ref.item?.id;
  return text;
}

function shortCitation(ref: Ref, named: Named, style: NumberingStyle): string | null {
  const { article, paragraph, item } = ref;
  const sameArticle = article !== undefined && named.article === article.id;
  const paragraphPart = paragraph && !paragraph.sole ? formatCountedNumber("項", [paragraph.number], style) : "";
  if (item) {
    const itemPart = formatCountedNumber("号", item.number, style);
    if (named.item === item.id) return "同号";
    if (paragraph && !paragraph.sole && named.paragraph === paragraph.id) return `同項${itemPart}`;
    return sameArticle ? `同条${paragraphPart}${itemPart}` : null;
  }
  if (paragraph && !paragraph.sole) {
    if (named.paragraph === paragraph.id) return "同項";
    return sameArticle ? `同条${paragraphPart}` : null;
  }
  return sameArticle ? "同条" : null;
}

/** Where a moved provision goes: 第6条, 同条第3項, 同項第4号 (its parent was just named). */
function destination(to: Ref, style: NumberingStyle): string {
  if (to.item) {
    const item = formatCountedNumber("号", to.item.number, style);
    if (to.paragraph && !to.paragraph.sole) return `同項${item}`;
    return to.article ? `同条${item}` : `附則${item}`;
  }
  if (to.paragraph && !to.paragraph.sole) {
    const paragraph = formatCountedNumber("項", [to.paragraph.number], style);
    return to.article ? `同条${paragraph}` : `附則${paragraph}`;
  }
  return fullCitation(to, style);
}

function unitOf(ref: Ref): Unit {
  return ref.item ? "号" : ref.paragraph && !ref.paragraph.sole ? "項" : "条";
}

function deepestNumber(ref: Ref): number {
  if (ref.item) return ref.item.number[0];
  if (ref.paragraph && !ref.paragraph.sole) return ref.paragraph.number;
  return ref.article!.number[0];
}

/** After a range (第2条から第4条まで) no single provision of that level was named last. */
function forgetDeepest(ref: Ref, named: Named): void {
  if (ref.item) named.item = undefined;
  else if (ref.paragraph && !ref.paragraph.sole) named.paragraph = undefined;
  else named.article = undefined;
}

/** Four or more provisions of one level moved by the same step in a row. */
const SHIFT_RUN = 4;

/**
 * Runs of moves in one sentence written as a range, as drafters do from four on: the first
 * move stays explicit and the rest become 第2条から第4条までを1条ずつ繰り下げ.
 */
export function compressShifts(clauses: readonly Clause[]): Clause[] {
  const result: Clause[] = [];
  for (let i = 0; i < clauses.length; ) {
    let j = i + 1;
    while (j < clauses.length && continuesRun(clauses[j - 1], clauses[j], clauses[i])) j++;
    if (j - i >= SHIFT_RUN) {
      const run = clauses.slice(i, j) as Array<Extract<Clause, { kind: "move" }>>;
      const rest = run.slice(1);
      const by = deepestNumber(run[0].to) - deepestNumber(run[0].target);
      const [low, high] = by > 0 ? [rest.at(-1)!, rest[0]] : [rest[0], rest.at(-1)!];
      result.push(run[0], { kind: "shift", first: low.target, last: high.target, by });
    } else result.push(...clauses.slice(i, j));
    i = j;
  }
  return result;
}

/**
 * Neighbouring provisions deleted in one sentence, in either order: 第4条及び第5条を削り,
 * 同条第2号から第4号までを削り.
 */
export function compressDeletions(clauses: readonly Clause[]): Clause[] {
  const result: Clause[] = [];
  for (let i = 0; i < clauses.length; ) {
    let j = i + 1;
    while (j < clauses.length && deletesNext(clauses[j - 1], clauses[j], clauses[i])) j++;
    if (j - i >= 2) {
      const targets = (clauses.slice(i, j) as Array<Extract<Clause, { kind: "delete" }>>).map((c) => c.target);
      targets.sort((a, b) => deepestNumber(a) - deepestNumber(b));
      result.push({ kind: "deleteRun", first: targets[0], last: targets.at(-1)!, count: targets.length });
    } else result.push(clauses[i]);
    i = j;
  }
  return result;
}

function deletesNext(previous: Clause, next: Clause, first: Clause): boolean {
  if (previous.kind !== "delete" || next.kind !== "delete" || first.kind !== "delete") return false;
  if (![previous.target, next.target].every(withoutBranch)) return false;
  if (unitOf(previous.target) !== unitOf(next.target) || !sameParent(previous.target, next.target)) return false;
  const step = deepestNumber(next.target) - deepestNumber(previous.target);
  const direction = runDirection(first, previous);
  return Math.abs(step) === 1 && (direction === 0 || step === direction);
}

/** The direction a run of deletions has taken so far: 0 after its first, else +1 or −1. */
function runDirection(first: Clause, previous: Clause): number {
  if (first === previous || first.kind !== "delete" || previous.kind !== "delete") return 0;
  return Math.sign(deepestNumber(previous.target) - deepestNumber(first.target));
}

function continuesRun(previous: Clause, next: Clause, first: Clause): boolean {
  if (previous.kind !== "move" || next.kind !== "move" || first.kind !== "move") return false;
  if (![previous.target, previous.to, next.target, next.to].every(withoutBranch)) return false;
  if (unitOf(previous.target) !== unitOf(next.target) || !sameParent(previous.target, next.target)) return false;
  const by = deepestNumber(first.to) - deepestNumber(first.target);
  const step = deepestNumber(next.to) - deepestNumber(next.target);
  const gap = deepestNumber(next.target) - deepestNumber(previous.target);
  return step === by && gap === (by > 0 ? -1 : 1);
}

/** 第2条, not 第2条の2: only whole numbers make a range. */
function withoutBranch(ref: Ref): boolean {
  if (ref.item) return ref.item.number.length === 1;
  if (ref.paragraph && !ref.paragraph.sole) return true;
  return ref.article !== undefined && ref.article.number.length === 1;
}

function sameParent(a: Ref, b: Ref): boolean {
  if (a.supplementary !== b.supplementary) return false;
  if (a.item) return a.paragraph?.id === b.paragraph?.id;
  if (a.paragraph && !a.paragraph.sole) return a.article?.id === b.article?.id;
  return true;
}
