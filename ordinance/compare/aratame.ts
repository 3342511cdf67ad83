import type { Node } from "prosemirror-model";
import { parseUnitLabel, type NumberingStyle } from "../numbering";
import { listSteps, listTrouble, type PlanContext, type Step } from "./aratame-plan";
import { renderSentences, unsupportedLine, type Clause } from "./aratame-render";
import { changedWithin, childrenOfKind, documentParts, isAdded, isDeleted, isRenumbered, rawChanged, type Entry } from "./aratame-tree";
import { compareDocuments, type Comparison } from "./compare";

// The 改め文 (amendment text) that turns the older text of an ordinance into the newer one,
// in the horizontal prefectural style (第3条, 第2項, 第1号, 1条ずつ); a text numbered in
// the vertical style gets kanji numerals (第三条, 一条ずつ) to match the provisions it prints.
//
// Phrases:
//   題名を次のように改める。 (the title is always replaced whole, as ワークブック法制執務 advises)
//   第3条中「A」を「B」に、「C」を「D」に改め、「E」の下に「F」を加え、「G」を削る。 Quotes
//     are whole words, widened until they occur once in the provision (items included).
//   第4条の見出し中「推進計画」を「行動計画」に改める。 — a caption changed in half or less of
//     its characters; 第4条の見出しを「（趣旨）」に改める。 beyond that; 第1条に見出しとして
//     「（目的）」を付する。 / 第2条の見出しを削る。
//   第3条を次のように改める。 / 第3条第2項を… / 第2条第1号を… — when more than half of the
//     wording changed (for an article: of every paragraph kept), followed by the new text,
//     printed under the number the provision has at that point.
//   第5条を削る。 第2条及び第3条を削り / 第2条から第4条までを削り (neighbours together).
//   第5条を第6条とする。 同条第4号を同条第3号とする。 From four moves in a row: 第5条を第6条と
//     し、第2条から第4条までを1条ずつ繰り下げ / 第2条を第1条とし、第3条から第6条までを1条
//     ずつ繰り上げる。
//   第1条の次に次の1条を加える。 — after the previous sibling once it stands at its new number,
//     else 同条の前に (before the next one, already moved); paragraphs and items added last go to
//     their parent: 第4条に次の1項を加える。 同項に次の1号を加える。 附則に次の1項を加える。
//   A deletion and an addition at the same number: 第2条を次のように改める。
//   同条 / 同項 / 同号 once the sentence has named the provision; after new text a sentence
//   starts afresh with the full citation.
//
// Order (ワークブック法制執務, 改正方式の基準):
//   1. Title, then the articles, then the 附則; each list of siblings front to back, and a
//      provision's own changes (caption, wording, paragraphs, items) before its move:
//      第3条第2項中…を加え、同条を第4条とする。
//   2. Where additions push later siblings down, room is made first: that stretch (from the
//      addition to the deletion that brings the numbers back, or the end of the list) is
//      written from the back, so each move lands on a number already vacated and the addition
//      comes last. Deletions make room themselves, so moves up are written front to back.
//      Additions at the very end need no room and come after everything before them.
//   3. Every citation uses the number valid at that point of the amendment: the older number
//      until the sentence that moves it, the newer one after. Whether a paragraph is cited as
//      第2条 (its article's only one) or 第2条第1項 follows the paragraphs present at that point.
//   4. One sentence per article (条ごとに区切る): an article with changes of its own has its own
//      sentence; moves and deletions of unchanged neighbours share one; an addition joins the
//      sentence of the neighbour it is placed by.
//
// Anything else is not written: a line for `unsupported` says what, and the caller shows it
// beside the text. That covers provisions out of order or moved to another parent, chapters and
// sections (their names, and any renumbering of articles in an ordinance divided into them),
// subitems, tables and other raw content, the preamble, 附則 of amending ordinances, a paragraph
// added before 第1項, and a paragraph that would move while its article holds only one.

export interface AratameOptions {
  /** Numerals of the citations; by default the style the texts are numbered in (第2条 or 第二条). */
  readonly style?: NumberingStyle;
  /** Above this share of changed characters a provision is replaced whole; 0.5 by default. */
  readonly replaceShare?: number;
}

export interface Aratame {
  /** Printed lines: each sentence indented one space, new provisions as the ordinance prints them. */
  readonly lines: string[];
  /** Plain Japanese lines on changes the lines leave out. */
  readonly unsupported: string[];
}

export function aratameBun(comparison: Comparison, options: AratameOptions = {}): Aratame {
  const style = options.style ?? numberingStyleOf(comparison);
  const ctx: PlanContext = { style, replaceShare: options.replaceShare ?? 0.5, unsupported: [] };
  const parts = documentParts(comparison);
  const sentences: Clause[][] = [];
  if (parts.title && parts.title.change.status === "changed") {
    sentences.push([{ kind: "title", body: [`　　　${parts.title.after!.text}`] }]);
  }
  if (parts.preamble.some(changedWithin)) ctx.unsupported.push(unsupportedLine("前文の改正", null));
  sentences.push(...mainProvisionSentences(parts.main, ctx));
  const articlesMoved = comparison.changes.some((c) => (c.after ?? c.before)!.kind === "article" && (c.status === "added" || c.status === "deleted" || c.renumbered));
  if (comparison.toc && articlesMoved) {
    ctx.unsupported.push(unsupportedLine("目次（各章の条の範囲）の改正", null));
  }
  sentences.push(...supplementarySentences(parts.supplProvisions, ctx));
  return { lines: renderSentences(sentences, style), unsupported: ctx.unsupported };
}

/** Read from an article label, so that citations match the new text they introduce. */
function numberingStyleOf(comparison: Comparison): NumberingStyle {
  for (const { before, after } of comparison.changes) {
    const article = [after, before].find((p) => p?.kind === "article");
    const parsed = article ? parseUnitLabel(article.label) : null;
    if (parsed) return parsed.style;
  }
  return "horizontal";
}

/** The 改め文 from one text of an ordinance to another, as printed text. */
export function aratameText(before: Node, after: Node, options: AratameOptions = {}): string {
  return aratameBun(compareDocuments(before, after), options).lines.join("\n");
}

function mainProvisionSentences(top: readonly Entry[], ctx: PlanContext): Clause[][] {
  const articles: Entry[] = [];
  const containers: Entry[] = [];
  const collect = (entries: readonly Entry[]) => {
    for (const e of entries) {
      if (e.kind === "article") articles.push(e);
      else {
        containers.push(e);
        collect(e.children);
      }
    }
  };
  collect(top);
  containers.forEach((c) => reportContainer(c, ctx));
  const structural = articles.some((e) => isAdded(e) || isDeleted(e) || isRenumbered(e));
  // Articles run on across chapters, so they are added, deleted and renumbered as in an
  // ordinance without chapters; only when the chapters themselves change is that not written.
  const chaptersChanged = containers.some((c) => isAdded(c) || isDeleted(c) || isRenumbered(c) || c.change.moved);
  const trouble = listTrouble(articles, null) ?? (chaptersChanged && structural ? "章又は節の構成も変わるため" : null);
  return sentencesOf(listSteps(articles, { unit: "条", owner: null, trouble }, ctx));
}

const CONTAINER_NAMES: Readonly<Record<string, string>> = { chapter: "章名", section: "節名", subsection: "款名" };

function reportContainer(c: Entry, ctx: PlanContext): void {
  const say = (what: string) => ctx.unsupported.push(unsupportedLine(what, null));
  if (isAdded(c)) say(`${c.after!.citation}の追加`);
  else if (isDeleted(c)) say(`${c.before!.citation}の削除`);
  else {
    if (c.change.moved) say(`${c.before!.citation}の移動`);
    else if (isRenumbered(c)) say(`${c.before!.citation}を${c.after!.citation}とする番号の変更`);
    if (c.change.captionChanged) say(`${c.before!.citation}の${CONTAINER_NAMES[c.kind]}の変更`);
  }
}

/** The ordinance's own 附則 (the first); later ones belong to amending ordinances and are left alone. */
function supplementarySentences(suppls: readonly Entry[], ctx: PlanContext): Clause[][] {
  const [own, ...others] = suppls;
  for (const other of others) {
    if (changedWithin(other)) ctx.unsupported.push(unsupportedLine(`${(other.after ?? other.before)!.citation}の改正`, null));
  }
  if (own && rawChanged(own)) ctx.unsupported.push(unsupportedLine("附則の表などの改正", null));
  if (!own || !changedWithin(own)) return [];
  if (isAdded(own) || isDeleted(own)) {
    ctx.unsupported.push(unsupportedLine(`附則の${isAdded(own) ? "追加" : "削除"}`, null));
    return [];
  }
  const kind = own.children.find((c) => c.kind === "article" || c.kind === "paragraph")?.kind;
  if (!kind || own.children.some((c) => c.kind !== kind)) {
    ctx.unsupported.push(unsupportedLine("附則の改正", "章などに分かれているため"));
    return [];
  }
  const entries = childrenOfKind(own, kind);
  const unit = kind === "article" ? "条" : "項";
  return sentencesOf(listSteps(entries, { unit, owner: own, trouble: listTrouble(entries, own) }, ctx));
}

/**
 * Steps of a top-level list as sentences: an article with changes of its own starts one, and
 * only an addition placed by it may join; moves and deletions of neighbours share one; an
 * unchanged provision in between breaks the run.
 */
function sentencesOf(steps: readonly Step[]): Clause[][] {
  const sentences: Clause[][] = [];
  let open: { clauses: Clause[]; light: boolean } | null = null;
  for (const step of steps) {
    if (step.kind === "gap") open = null;
    else if (step.kind === "insert") {
      if (open) open.clauses.push(step.clause);
      else sentences.push([step.clause]);
      open = null;
    } else if (step.kind === "light" && open?.light) open.clauses.push(...step.clauses);
    else {
      open = { clauses: [...step.clauses], light: step.kind === "light" };
      sentences.push(open.clauses);
    }
  }
  return sentences;
}
