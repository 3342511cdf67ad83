import { changedShare, editPhrases, textEdits, type Phrase } from "./aratame-phrases";
import type { PlanContext } from "./aratame-plan";
import { currentLabel, printNewer } from "./aratame-print";
import { unsupportedLine, type Clause, type Unit } from "./aratame-render";
import { childrenOfKind, isPaired, isRenumbered, rawChanged, refOf, type Entry } from "./aratame-tree";

// What changed inside one provision present in both texts, as clauses in reading order: its
// caption, its own wording, then its paragraphs or items (planned by the caller, which orders
// lists); or the whole provision replaced when most of its wording changed.

/** Plans a child list of a provision (paragraphs, items) and gives its clauses. */
export type SublistClauses = (e: Entry, kind: "paragraph" | "item", unit: Unit, ctx: PlanContext) => Clause[];

/** What changed inside a provision present in both texts, in reading order. */
export function contentClauses(e: Entry, ctx: PlanContext, sublistClauses: SublistClauses): Clause[] {
  // A paragraph or item that went to another parent is reported as moved; its wording with it.
  if (e.change.moved && e.kind !== "article") return [];
  switch (e.kind) {
    case "article":
      if (rewritten(e, ctx)) return replacement(e, ctx);
      return [...captionClauses(e, ctx), ...sublistClauses(e, "paragraph", "項", ctx)];
    case "paragraph":
      // A sole paragraph mostly rewritten has already made its article a replacement.
      if (ownShare(e) > ctx.replaceShare) return replacement(e, ctx);
      return [...captionClauses(e, ctx), ...wordingClauses(e, ctx), ...sublistClauses(e, "item", "号", ctx)];
    case "item":
      if (ownShare(e) > ctx.replaceShare) return replacement(e, ctx);
      return [...wordingClauses(e, ctx), ...subitemClauses(e, ctx)];
    default:
      return [];
  }
}

/** Every paragraph the two texts share was mostly rewritten: the article is replaced whole. */
function rewritten(article: Entry, ctx: PlanContext): boolean {
  const shared = childrenOfKind(article, "paragraph").filter(isPaired);
  return shared.length > 0 && shared.every((p) => ownShare(p) > ctx.replaceShare);
}

function ownShare(e: Entry): number {
  return changedShare(e.before!.text, e.after!.text);
}

function replacement(e: Entry, ctx: PlanContext): Clause[] {
  const body = printNewer(e, currentLabel(e, ctx.style));
  if (body === null) {
    ctx.unsupported.push(unsupportedLine(`${e.before!.citation}の全部改正`, "表などを含むため"));
    return [];
  }
  const target = refOf(e);
  const heading = e.kind === "paragraph" && e.parent?.kind === "supplProvision" && target.paragraph?.sole ? ["　　　附　則"] : [];
  return [{ kind: "replace", target, body: [...heading, ...body] }];
}

function captionClauses(e: Entry, ctx: PlanContext): Clause[] {
  const [was, now] = [e.before!.caption, e.after!.caption];
  if (was === now) return [];
  const target = refOf(e);
  if (!was) return [{ kind: "captionAdd", target, caption: now }];
  if (!now) return [{ kind: "captionDelete", target }];
  if (changedShare(was, now) > ctx.replaceShare) return [{ kind: "captionSet", target, caption: now }];
  return [{ kind: "edit", target, part: "caption", phrases: editPhrasesOf(was, now, "") }];
}

function wordingClauses(e: Entry, ctx: PlanContext): Clause[] {
  if (rawChanged(e)) ctx.unsupported.push(unsupportedLine(`${e.before!.citation}の表などの改正`, null));
  if (e.before!.text === e.after!.text) return [];
  // 第2条第1項中「A」を… reaches the paragraph's items too: the quote must be unique across them.
  const rest = descendantsText(e);
  return [{ kind: "edit", target: refOf(e), part: "text", phrases: editPhrasesOf(e.before!.text, e.after!.text, rest) }];
}

function editPhrasesOf(before: string, after: string, rest: string): Phrase[] {
  return editPhrases(textEdits(before, after, rest));
}

function descendantsText(e: Entry): string {
  return e.children
    .filter((child) => child.before)
    .map((child) => `${child.before!.text}\n${descendantsText(child)}`)
    .join("\n");
}

/** Subitems (ア, イ …) are beyond this generator: any change among them is reported instead. */
function subitemClauses(item: Entry, ctx: PlanContext): Clause[] {
  const changed = (e: Entry): Entry[] =>
    e.children.flatMap((sub) => (sub.change.status !== "unchanged" || isRenumbered(sub) || rawChanged(sub) ? [sub] : changed(sub)));
  for (const sub of changed(item)) {
    const where = (sub.before ?? sub.after)!.citation;
    ctx.unsupported.push(unsupportedLine(`${where}（号の細分）の改正`, null));
  }
  return [];
}
