import { parseNumAttribute, provisionNumbersEqual, type ProvisionNumber } from "../numbering";
import type { Ref } from "./aratame-render";
import type { Comparison, ProvisionChange } from "./compare";
import type { Provision, ProvisionKind } from "./provisions";

// The comparison as a tree the 改め文 is planned on: each provision with its children in
// reading order (a deleted one where it stood), and the state the plan changes as it writes
// sentences: the number each provision has at that point, and how many paragraphs (or items)
// its parent holds, which decides whether the sole paragraph is cited as 第2条 or 第2条第1項.

export interface Entry {
  readonly change: ProvisionChange;
  readonly before: Provision | null;
  readonly after: Provision | null;
  readonly kind: ProvisionKind;
  readonly parent: Entry | null;
  readonly children: Entry[];
  /** Its number at this point of the amendment: the older one until the plan moves it. */
  current: ProvisionNumber | null;
  /** How many child provisions it holds at this point (paragraphs of an article, items …). */
  present: number;
  /** A child of the older text now stands under another parent: its siblings cannot be renumbered. */
  lostChild: boolean;
}

export interface DocumentParts {
  readonly title: Entry | null;
  readonly preamble: readonly Entry[];
  /** Chapters and articles of the main provisions, top level only. */
  readonly main: readonly Entry[];
  readonly supplProvisions: readonly Entry[];
}

export function documentParts(comparison: Comparison): DocumentParts {
  const byBeforeKey = new Map<string, Entry>();
  const byAfterKey = new Map<string, Entry>();
  const roots: Entry[] = [];
  for (const change of comparison.changes) {
    const { before, after } = change;
    const parent = after
      ? after.parentKey === null ? null : byAfterKey.get(after.parentKey) ?? null
      : before!.parentKey === null ? null : byBeforeKey.get(before!.parentKey) ?? null;
    const entry: Entry = {
      change,
      before,
      after,
      kind: (after ?? before)!.kind,
      parent,
      children: [],
      current: numberOf(before),
      present: 0,
      lostChild: false,
    };
    const formerParent = before?.parentKey ? byBeforeKey.get(before.parentKey) ?? null : null;
    if (formerParent) formerParent.present++;
    if (formerParent && formerParent !== parent) formerParent.lostChild = true;
    if (before) byBeforeKey.set(before.key, entry);
    if (after) byAfterKey.set(after.key, entry);
    if (parent) parent.children.push(entry);
    else roots.push(entry);
  }
  const provision = (e: Entry) => (e.after ?? e.before)!;
  const everything = [...byBeforeKey.values(), ...byAfterKey.values()];
  for (const e of new Set(everything)) e.children.splice(0, e.children.length, ...inReadingOrder(e.children));
  return {
    title: roots.find((e) => e.kind === "title") ?? null,
    preamble: roots.filter((e) => e.kind === "paragraph" && !provision(e).supplementary),
    main: inReadingOrder(roots.filter((e) => ["chapter", "section", "subsection", "article"].includes(e.kind))),
    supplProvisions: roots.filter((e) => e.kind === "supplProvision"),
  };
}

/**
 * Siblings in the newer text's order, each deleted one right after the kept sibling it
 * followed in the older text (at the front when none did), in its older order. Derived here
 * rather than taken from the comparison's list, so the plan's count of moves never depends on
 * where a run of deletions was shown.
 */
function inReadingOrder(siblings: readonly Entry[]): Entry[] {
  const result = siblings.filter((e) => e.after).sort((a, b) => a.after!.index - b.after!.index);
  const gone = siblings.filter((e) => !e.after).sort((a, b) => a.before!.index - b.before!.index);
  const kept = result.filter((e) => e.before);
  let lastPlaced: { anchor: Entry | null; at: number } = { anchor: null, at: -1 };
  for (const g of gone) {
    const anchor = kept.filter((k) => k.before!.index < g.before!.index).sort((a, b) => b.before!.index - a.before!.index)[0] ?? null;
    const at = anchor === lastPlaced.anchor ? lastPlaced.at + 1 : anchor ? result.indexOf(anchor) + 1 : 0;
    result.splice(at, 0, g);
    lastPlaced = { anchor, at };
  }
  return result;
}

/** 2_2 → [2, 2]; null for a range, a written label, or no number at all. */
export function numberOf(provision: Provision | null): ProvisionNumber | null {
  if (!provision?.num || provision.node.attrs.label) return null;
  return parseNumAttribute(provision.num);
}

export const finalNumber = (e: Entry): ProvisionNumber | null => numberOf(e.after);

export const isAdded = (e: Entry): boolean => e.before === null;
export const isDeleted = (e: Entry): boolean => e.after === null;
export const isPaired = (e: Entry): boolean => e.before !== null && e.after !== null;

/** The number changes (第5条 becomes 第6条); a parent's move does not count. */
export function isRenumbered(e: Entry): boolean {
  if (!isPaired(e)) return false;
  const [was, now] = [numberOf(e.before), numberOf(e.after)];
  return was === null || now === null ? e.before!.num !== e.after!.num : !provisionNumbersEqual(was, now);
}

export function numbersEqual(a: ProvisionNumber | null, b: ProvisionNumber | null): boolean {
  return a !== null && b !== null && provisionNumbersEqual(a, b);
}

/** Anything in it differs: wording, caption, number, children added, deleted or changed. */
export function changedWithin(e: Entry): boolean {
  return e.change.status !== "unchanged" || isRenumbered(e) || e.children.some(changedWithin);
}

/** Its raw content (tables and the like, kept verbatim) differs between the two texts. */
export function rawChanged(e: Entry): boolean {
  return rawText(e.before) !== rawText(e.after);
}

function rawText(provision: Provision | null): string {
  const parts: string[] = [];
  provision?.node.forEach((child) => {
    if (child.type.name === "raw") parts.push(JSON.stringify(child.attrs));
  });
  return parts.join("\n");
}

/** Children of the kinds a list of this parent holds, in reading order. */
export function childrenOfKind(e: Entry, kind: ProvisionKind): Entry[] {
  return e.children.filter((child) => child.kind === kind);
}

/** A provision as cited at this point: its number and its parents' numbers as they now stand. */
export function refOf(e: Entry): Ref {
  const provision = (e.after ?? e.before)!;
  // The 附則 itself is not marked supplementary (only what stands in it is).
  const supplementary = provision.supplementary || e.kind === "supplProvision";
  if (e.kind === "supplProvision") return { supplementary };
  if (e.kind === "article") return { supplementary, article: { id: e, number: e.current! } };
  if (e.kind === "paragraph") {
    const owner = e.parent;
    const paragraph = { id: e, number: e.current![0], sole: (owner?.present ?? 1) === 1 };
    return owner?.kind === "article" ? { ...refOf(owner), paragraph } : { supplementary, paragraph };
  }
  if (e.kind === "item") return { ...refOf(e.parent!), item: { id: e, number: e.current! } };
  throw new Error(`internal: cannot cite a ${e.kind}`);
}

