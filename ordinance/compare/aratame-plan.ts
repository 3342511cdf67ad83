import type { NumberingStyle } from "../numbering";
import type { Provision } from "./provisions";
import { contentClauses } from "./aratame-content";
import { printNewer } from "./aratame-print";
import { unsupportedLine, type Clause, type Ref, type Unit } from "./aratame-render";
import { childrenOfKind, finalNumber, isAdded, isDeleted, isPaired, isRenumbered, numbersEqual, refOf, type Entry } from "./aratame-tree";

// The order of a 改め文 within one list of siblings (the articles, an article's paragraphs,
// a paragraph's items), after ワークブック法制執務: front to back, each provision's own
// changes before its move; but where provisions are added and later ones move down, that
// stretch is written from the back (第5条を第6条とし、…第1条の次に次の1条を加える), so
// each move lands on a number already vacated. See aratame.ts for the whole rule.

export interface PlanContext {
  readonly style: NumberingStyle;
  /** Above this share of changed characters a provision is replaced whole (次のように改める). */
  readonly replaceShare: number;
  readonly unsupported: string[];
}

export interface ListSpec {
  readonly unit: Unit;
  /** The article, paragraph or 附則 holding the list; null for the main provisions' articles. */
  readonly owner: Entry | null;
  /** Why the list's additions, deletions and moves cannot be written; null when they can. */
  readonly trouble: string | null;
}

/** One provision's contribution to a list's amendment, in the order it is written. */
export type Step =
  | { readonly kind: "gap" }
  | { readonly kind: "light" | "heavy"; readonly clauses: Clause[] }
  | { readonly kind: "insert"; readonly clause: Clause };

type Unitised = Entry | Entry[];

export function listSteps(entries: readonly Entry[], spec: ListSpec, ctx: PlanContext): Step[] {
  const units = groupAdditions(entries);
  const order = writingOrder(units, shiftsAfter(units));
  const trouble = spec.trouble ?? orderTrouble(units, order, spec);
  if (trouble !== null) return opaqueSteps(entries, trouble, ctx);
  const state: ListState = { units, live: new Set(entries.filter((e) => !isAdded(e))), spec, ctx };
  return order.map((w): Step => (w.kind === "gap" ? w : w.kind === "replace" ? replaceInPlace(state, w.at, w.added) : unitStep(state, w.at)));
}

/** One thing to write: a unit of the list, a deletion and the addition at its number as one replacement, or a break. */
type Writing =
  | { readonly kind: "unit"; readonly at: number }
  | { readonly kind: "replace"; readonly at: number; readonly added: number }
  | { readonly kind: "gap" };

/** Front to back, except each stretch that needs room, which is written from the back. */
function writingOrder(units: readonly Unitised[], shifts: readonly number[]): Writing[] {
  const order: Writing[] = [];
  for (let i = 0; i < units.length; ) {
    if (Array.isArray(units[i]) && shifts[i] > 0) {
      const end = blockEnd(units, shifts, i);
      order.push({ kind: "gap" });
      for (let k = end; k >= i; k--) order.push({ kind: "unit", at: k });
      order.push({ kind: "gap" });
      i = end + 1;
    } else if (replacedInPlace(units, shifts, i) !== null) {
      // The addition replaces the first deletion; the deletions after it stay deletions.
      const added = replacedInPlace(units, shifts, i)!;
      order.push({ kind: "replace", at: i, added });
      for (let k = i + 1; k < added; k++) order.push({ kind: "unit", at: k });
      i = added + 1;
    } else order.push({ kind: "unit", at: i++ });
  }
  return order;
}

/**
 * What only the order shows: a paragraph that would move while its article holds a single
 * paragraph (then cited as 第3条, not as a paragraph), or articles added with no article left
 * to place them by.
 */
function orderTrouble(units: readonly Unitised[], order: readonly Writing[], spec: ListSpec): string | null {
  let present = units.filter((u) => !Array.isArray(u)).length;
  const anyKept = units.some((u) => !Array.isArray(u) && isPaired(u));
  for (const w of order) {
    if (w.kind !== "unit") continue;
    const unit = units[w.at];
    if (Array.isArray(unit)) {
      if (!anyKept && spec.owner === null) return "すべての条が入れ替わるため";
      present += unit.length;
    } else if (isDeleted(unit)) present--;
    else if (unit.kind === "paragraph" && isRenumbered(unit) && present === 1) return "項が一つだけになる間に項が移るため";
  }
  return null;
}

interface ListState {
  readonly units: readonly Unitised[];
  readonly live: Set<Entry>;
  readonly spec: ListSpec;
  readonly ctx: PlanContext;
}

/** Consecutive additions are added together (次の2条を加える). */
function groupAdditions(entries: readonly Entry[]): Unitised[] {
  const units: Unitised[] = [];
  for (const e of entries) {
    const last = units.at(-1);
    if (isAdded(e) && Array.isArray(last)) last.push(e);
    else units.push(isAdded(e) ? [e] : e);
  }
  return units;
}

/** After each unit, how far the provisions that follow move: + down, − up. */
function shiftsAfter(units: readonly Unitised[]): number[] {
  let shift = 0;
  return units.map((unit) => (shift += Array.isArray(unit) ? unit.length : isDeleted(unit) ? -1 : 0));
}

/**
 * The stretch written from the back: from an addition that pushes later provisions down to the
 * deletion that brings them back, or the end. Additions at the very end stay out of it: they
 * need no room, and go in once everything before them stands at its new number.
 */
function blockEnd(units: readonly Unitised[], shifts: readonly number[], start: number): number {
  let end = start;
  while (end < units.length - 1 && shifts[end] > 0) end++;
  if (end > start && end === units.length - 1 && Array.isArray(units[end]) && shifts[end] > 0) end--;
  // Deletions right after it go with it, so that they read as one (第4条及び第5条を削り).
  while (end < units.length - 1 && isDeletedUnit(units[end]) && isDeletedUnit(units[end + 1])) end++;
  return end;
}

const isDeletedUnit = (unit: Unitised): boolean => !Array.isArray(unit) && isDeleted(unit);

/**
 * A provision deleted and one added at its number (第2条を次のように改める): a run of deletions
 * followed by a single addition, with nothing moved before them. The index of the addition, or null.
 */
function replacedInPlace(units: readonly Unitised[], shifts: readonly number[], i: number): number | null {
  if (!isDeletedUnit(units[i]) || (i > 0 && shifts[i - 1] !== 0)) return null;
  let k = i;
  while (k < units.length && isDeletedUnit(units[k])) k++;
  const next = units[k];
  return Array.isArray(next) && next.length === 1 && printNewer(next[0]) !== null ? k : null;
}

function replaceInPlace(state: ListState, at: number, addedAt: number): Step {
  const gone = state.units[at] as Entry;
  const added = (state.units[addedAt] as Entry[])[0];
  const target = refOf(gone);
  state.live.delete(gone);
  state.live.add(added);
  added.current = finalNumber(added);
  return { kind: "heavy", clauses: [{ kind: "replace", target, body: printNewer(added)! }] };
}

function unitStep(state: ListState, i: number): Step {
  const unit = state.units[i];
  if (Array.isArray(unit)) return additionStep(state, i, unit);
  if (isDeleted(unit)) {
    const target = refOf(unit);
    state.live.delete(unit);
    if (state.spec.owner) state.spec.owner.present--;
    return { kind: "light", clauses: [{ kind: "delete", target }] };
  }
  return provisionStep(unit, state.ctx, true);
}

/** A provision present in both texts: its own changes, then its move to its new number. */
function provisionStep(e: Entry, ctx: PlanContext, mayMove: boolean): Step {
  const content = contentClauses(e, ctx, sublistClauses);
  if (!mayMove || numbersEqual(e.current, finalNumber(e))) return content.length > 0 ? { kind: "heavy", clauses: content } : { kind: "gap" };
  const target = refOf(e);
  e.current = finalNumber(e);
  const move: Clause = { kind: "move", target, to: refOf(e) };
  return content.length > 0 ? { kind: "heavy", clauses: [...content, move] } : { kind: "light", clauses: [move] };
}

/**
 * 次のk条を加える after the previous sibling when that one stands at its new number, else
 * before the next sibling (already moved); a paragraph or item added last goes to its parent
 * (第3条に次の1項を加える).
 */
function additionStep(state: ListState, i: number, group: Entry[]): Step {
  const { spec, ctx, live } = state;
  const previous = nearestLive(state, i, -1);
  const next = nearestLive(state, i, 1);
  const previousSettled = previous !== null && numbersEqual(previous.current, finalNumber(previous));
  let at: "after" | "before" | "end";
  let anchor: Ref;
  const chapter = spec.unit === "条" && !spec.owner ? group[0].parent : null;
  if (chapter) {
    // Articles run on across chapters, so an article at either end of a chapter is placed
    // by the neighbour in its own chapter, and the chapter is named: 第1章中第4条の次に.
    const inChapter = (e: Entry | null) => e !== null && e.parent === chapter;
    const placed = inChapter(previous) && (previousSettled || !inChapter(next)) ? ("after" as const) : inChapter(next) ? ("before" as const) : null;
    if (placed) {
      const neighbour = placed === "after" ? previous! : next!;
      const within = inChapter(previous) && inChapter(next) ? undefined : (chapter.after ?? chapter.before)!.citation;
      return finishAddition(state, group, { kind: "insert", at: placed, anchor: refOf(neighbour), unit: spec.unit, count: group.length, body: group.flatMap((e) => printNewer(e)!), within });
    }
  }
  if (next === null && spec.unit !== "条" && spec.owner) [at, anchor] = ["end", refOf(spec.owner)];
  else if (previous && (previousSettled || next === null)) [at, anchor] = ["after", refOf(previous)];
  else if (next) [at, anchor] = ["before", refOf(next)];
  else [at, anchor] = ["end", refOf(spec.owner!)];
  const body = group.flatMap((e) => printNewer(e)!);
  return finishAddition(state, group, { kind: "insert", at, anchor, unit: spec.unit, count: group.length, body });
}

/** The added provisions now stand at their numbers. */
function finishAddition(state: ListState, group: readonly Entry[], clause: Clause & { kind: "insert" }): Step {
  for (const e of group) {
    e.current = finalNumber(e);
    state.live.add(e);
  }
  if (state.spec.owner) state.spec.owner.present += group.length;
  return { kind: "insert", clause };
}

function nearestLive(state: ListState, from: number, direction: 1 | -1): Entry | null {
  for (let k = from + direction; k >= 0 && k < state.units.length; k += direction) {
    const unit = state.units[k];
    const candidates = Array.isArray(unit) ? (direction < 0 ? [...unit].reverse() : unit) : [unit];
    const found = candidates.find((e) => state.live.has(e));
    if (found) return found;
  }
  return null;
}

/** A list whose structure cannot be written: say so, and amend only the wording inside it. */
function opaqueSteps(entries: readonly Entry[], trouble: string, ctx: PlanContext): Step[] {
  for (const e of entries) {
    const structural = isAdded(e) || isDeleted(e) || isRenumbered(e) || e.change.moved;
    if (!structural) continue;
    const what = e.change.moved
      ? `${e.before!.citation}の移動`
      : isAdded(e)
        ? `${e.after!.citation}の追加`
        : isDeleted(e)
          ? `${e.before!.citation}の削除`
          : `${e.before!.citation}を${e.after!.citation}とする番号の変更`;
    ctx.unsupported.push(unsupportedLine(what, e.change.moved ? null : trouble));
  }
  return entries.filter(isPaired).map((e) => provisionStep(e, ctx, false));
}

/** The clauses of a child list (an article's paragraphs, a paragraph's items), to join its parent's sentence. */
function sublistClauses(e: Entry, kind: "paragraph" | "item", unit: Unit, ctx: PlanContext): Clause[] {
  const entries = childrenOfKind(e, kind);
  const spec: ListSpec = { unit, owner: e, trouble: listTrouble(entries, e) };
  return listSteps(entries, spec, ctx).flatMap((step) =>
    step.kind === "gap" ? [] : step.kind === "insert" ? [step.clause] : step.clauses,
  );
}

/** Why a list of paragraphs or items cannot have its structure written; null when it can. */
export function listTrouble(entries: readonly Entry[], owner: Entry | null): string | null {
  const structural = entries.some((e) => isAdded(e) || isDeleted(e) || isRenumbered(e));
  if (entries.some((e) => e.change.moved)) return "並びが入れ替わった規定があるため";
  if (!structural) return null;
  if (owner?.lostChild) return "他の規定へ移った規定があるため";
  const branched = entries.some((e) => (e.before && !hasPlainNumber(e.before)) || (e.after && !hasPlainNumber(e.after)));
  if (branched && entries.some(isRenumbered)) return "枝番号などの付いた規定があるため";
  if (entries.some((e) => isAdded(e) && printNewer(e) === null)) return "表などを含む規定を加えるため";
  // A new first paragraph stands on the article's own line (…に第1項として加える): not written here.
  if (entries[0]?.kind === "paragraph" && entries.some((e) => e.before) && firstNewer(entries) !== null && isAdded(firstNewer(entries)!)) {
    return "第1項の前に項を加えるため";
  }
  return null;
}

function firstNewer(entries: readonly Entry[]): Entry | null {
  return entries.find((e) => e.after) ?? null;
}

/** 第3条 or 第3条の2, numbered by position; not a range (第1条から第25条まで) or a written label. */
function hasPlainNumber(provision: Provision): boolean {
  return provision.num !== null && /^[1-9][0-9]*(_[1-9][0-9]*)*$/.test(provision.num) && !provision.node.attrs.label;
}

