import type { Node } from "prosemirror-model";
import { documentStyle } from "../model/numbering";
import type { NumberingStyle } from "../numbering";
import { alignProvisions, chooseAlignMode, type AlignMode } from "./align";
import { provisionsOf, type Provision } from "./provisions";

// What changed between two texts, provision by provision: the input of the 新旧対照表 and
// of the 改め文.

export type ChangeStatus = "unchanged" | "changed" | "added" | "deleted";

export interface ProvisionChange {
  readonly before: Provision | null;
  readonly after: Provision | null;
  /** "changed" when its own caption or wording differs; children are changes of their own. */
  readonly status: ChangeStatus;
  readonly captionChanged: boolean;
  readonly textChanged: boolean;
  /** Its address differs (第5条 became 第6条), whether or not its wording did. */
  readonly renumbered: boolean;
  /** It stands under another provision, or out of order among its siblings. */
  readonly moved: boolean;
}

export interface Comparison {
  readonly changes: readonly ProvisionChange[];
  readonly mode: AlignMode;
  /** Either text prints a 目次, whose article ranges follow the articles. */
  readonly toc: boolean;
}

export interface CompareOptions {
  /** Each text's numbering style; by default the one its document carries. */
  beforeStyle?: NumberingStyle;
  afterStyle?: NumberingStyle;
  /** How provisions are paired; by default ids when the texts share them. */
  mode?: AlignMode;
}

export function compareDocuments(before: Node, after: Node, options: CompareOptions = {}): Comparison {
  const older = provisionsOf(before, options.beforeStyle ?? documentStyle(before));
  const newer = provisionsOf(after, options.afterStyle ?? documentStyle(after));
  const mode = options.mode ?? chooseAlignMode(older, newer);
  const pairs = alignProvisions(older, newer, mode);
  const moved = movedKeys(pairs);
  const changes = pairs.map(({ before: b, after: a }): ProvisionChange => {
    if (!b || !a) {
      return { before: b, after: a, status: b ? "deleted" : "added", captionChanged: false, textChanged: false, renumbered: false, moved: false };
    }
    const captionChanged = b.caption !== a.caption;
    const textChanged = b.text !== a.text;
    return {
      before: b,
      after: a,
      status: captionChanged || textChanged ? "changed" : "unchanged",
      captionChanged,
      textChanged,
      renumbered: b.address !== a.address,
      moved: moved.has(a.key),
    };
  });
  const hasToc = (doc: Node) => doc.content.content.some((child) => child.type.name === "toc");
  return { changes, mode, toc: hasToc(before) || hasToc(after) };
}

/**
 * Paired provisions that moved: under a parent that is not their old parent's counterpart,
 * or outside the longest run of siblings that kept their order.
 */
function movedKeys(pairs: ReadonlyArray<{ before: Provision | null; after: Provision | null }>): Set<string> {
  const counterpartOf = new Map<string, string>();
  for (const { before, after } of pairs) if (before && after) counterpartOf.set(before.key, after.key);
  const moved = new Set<string>();
  const siblings = new Map<string | null, Array<{ key: string; was: number }>>();
  for (const { before, after } of pairs) {
    if (!before || !after) continue;
    const parentNow = before.parentKey === null ? null : counterpartOf.get(before.parentKey) ?? "gone";
    if (parentNow !== after.parentKey) {
      moved.add(after.key);
      continue;
    }
    const list = siblings.get(after.parentKey) ?? [];
    list.push({ key: after.key, was: before.index });
    siblings.set(after.parentKey, list);
  }
  for (const list of siblings.values()) {
    const kept = longestIncreasing(list.map((s) => s.was));
    list.forEach((s, at) => kept.has(at) || moved.add(s.key));
  }
  return moved;
}

/** Positions of one longest strictly increasing subsequence. */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, at) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[at] = tails[lo - 1];
    tails[lo] = at;
  });
  const kept = new Set<number>();
  for (let at = tails.at(-1) ?? -1; at >= 0; at = previous[at]) kept.add(at);
  return kept;
}
