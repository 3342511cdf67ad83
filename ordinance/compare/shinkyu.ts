import type { ChangeStatus, Comparison, ProvisionChange } from "./compare";
import { sidesOf, textDiff } from "./text-diff";
import type { Provision } from "./provisions";

// The 新旧対照表: each changed provision as printed before and after, side by side, with the
// changed characters underlined in both columns. Rows stand at the finest changed provision
// (a 号 when only the 号 changed); the enclosing article's caption and label stay as context,
// and unchanged provisions between changes in one article become （略） lines, as real tables do.

export type ShinkyuSide = "before" | "after";

export interface ShinkyuRun {
  readonly text: string;
  readonly underline: boolean;
}

/** One printed line, without its indent: "（目的）", "第1条　この条例は…", "(1)　孤独　…". */
export interface ShinkyuLine {
  readonly runs: readonly ShinkyuRun[];
  /** Indent of the first line and of wrapped lines, in full-width characters (as layout.ts). */
  readonly indent: number;
  readonly wrapIndent: number;
}

/** A provision's lines in one column; empty where it does not exist (added or deleted). */
export type ShinkyuCell = readonly ShinkyuLine[];

/** changed: has underlines; context: unchanged, shows where a change stands; omitted: a （略） line. */
export type ShinkyuRowRole = "changed" | "context" | "omitted";

export interface ShinkyuRow {
  /** As cited in the newer text (the older for a deletion): "第4条第2項", "第3条第1号・第2号". */
  readonly label: string;
  readonly role: ShinkyuRowRole;
  /** "added" and "deleted" leave one cell empty; context and （略） rows are "unchanged". */
  readonly status: ChangeStatus;
  readonly changed: boolean;
  /** The cells as plain text, lines joined with "\n". */
  readonly before: string;
  readonly after: string;
  readonly cells: { readonly before: ShinkyuCell; readonly after: ShinkyuCell };
}

export interface ShinkyuColumn {
  readonly side: ShinkyuSide;
  readonly heading: "改正前" | "改正後";
}

export interface ShinkyuTable {
  readonly lead: string;
  /** In display order, left to right. */
  readonly columns: readonly [ShinkyuColumn, ShinkyuColumn];
  readonly rows: readonly ShinkyuRow[];
  /** Provisions whose wording, caption or number changed, or that were added or deleted. */
  readonly changedProvisions: number;
}

export interface ShinkyuSettings {
  readonly columnOrder: "beforeFirst" | "afterFirst";
  /** Unchanged provisions between changes: left out, or shown as （略）. */
  readonly unchanged: "omit" | "abbreviate";
  /** The sentence above the table; by default one that fits what the table changes. */
  readonly lead: string;
}

/** The rows, lead and columns of the 新旧対照表 for a comparison of two texts. */
export function shinkyuTable(comparison: Comparison, settings: Partial<ShinkyuSettings> = {}): ShinkyuTable {
  const abbreviate = (settings.unchanged ?? "abbreviate") === "abbreviate";
  const units = unitsOf(comparison.changes);
  const roles = rolesOf(units);
  const rows: ShinkyuRow[] = [];
  // Unchanged units waiting, per article, for a later change that puts them between two.
  const waiting = new Map<Unit, Unit[]>();
  for (const unit of units) {
    const role = roles.get(unit);
    if (!role) {
      if (unit.scope) waiting.set(unit.scope, [...(waiting.get(unit.scope) ?? []), unit]);
      continue;
    }
    const gap = unit.scope ? waiting.get(unit.scope) : undefined;
    if (abbreviate && gap?.length) rows.push(omittedRow(gap));
    if (unit.scope) waiting.delete(unit.scope);
    rows.push(unitRow(unit, role, abbreviate));
  }
  const changed = units.filter((u) => isChanged(u) && !insideAddedOrDeleted(u));
  // 鳥取県 reads the table from 改正前 to 改正後, so by default 改正前 stands on the left (an assumption).
  const before: ShinkyuColumn = { side: "before", heading: "改正前" };
  const after: ShinkyuColumn = { side: "after", heading: "改正後" };
  return {
    lead: settings.lead ?? defaultLead(amendmentKinds(changed)),
    columns: settings.columnOrder === "afterFirst" ? [after, before] : [before, after],
    rows,
    changedProvisions: changed.length,
  };
}

/** What the CLI prints. */
export function shinkyuJson(table: ShinkyuTable): {
  rows: Array<{ label: string; before: string; after: string; changed: boolean }>;
  changedProvisions: number;
} {
  return {
    rows: table.rows.map(({ label, before, after, changed }) => ({ label, before, after, changed })),
    changedProvisions: table.changedProvisions,
  };
}

// Units: what one row shows. An article and its first paragraph print as one line
// (第1条　この条例は…), so they make one unit; every other provision is a unit of its own.

interface Unit {
  /** The provision, then (for an article) its first paragraph. */
  readonly pieces: ProvisionChange[];
  readonly parent: Unit | null;
  /** The article (or, outside articles, the 附則) whose unchanged parts may become （略）. */
  readonly scope: Unit | null;
}

const kindOf = (unit: Unit) => provisionOf(unit.pieces[0]).kind;
const provisionOf = (change: ProvisionChange): Provision => (change.after ?? change.before)!;
const OTHER: Record<ShinkyuSide, ShinkyuSide> = { before: "after", after: "before" };

function unitsOf(changes: readonly ProvisionChange[]): Unit[] {
  const units: Unit[] = [];
  // Keys of the two texts may coincide (@第2条 in each), so each side has its own map.
  const byKey: Record<ShinkyuSide, Map<string, Unit>> = { before: new Map(), after: new Map() };
  for (const change of changes) {
    const provision = provisionOf(change);
    const parentKey = provision.parentKey;
    const parent = parentKey === null ? null : byKey[change.after ? "after" : "before"].get(parentKey) ?? null;
    const opensArticle = provision.kind === "paragraph" && provision.label === "" && parent === units.at(-1);
    let unit: Unit;
    if (parent && opensArticle && kindOf(parent) === "article" && parent.pieces.length === 1) {
      parent.pieces.push(change);
      unit = parent;
    } else {
      unit = { pieces: [change], parent, scope: scopeOf(provision.kind, parent) };
      units.push(unit);
    }
    for (const side of ["before", "after"] as const) if (change[side]) byKey[side].set(change[side]!.key, unit);
  }
  return units;
}

const INNER_KINDS: ReadonlySet<string> = new Set(["paragraph", "item", "subitem"]);

function scopeOf(kind: string, parent: Unit | null): Unit | null {
  if (!INNER_KINDS.has(kind)) return null;
  const ancestors: Unit[] = [];
  for (let at = parent; at; at = at.parent) ancestors.push(at);
  return ancestors.find((u) => kindOf(u) === "article") ?? ancestors.find((u) => kindOf(u) === "supplProvision") ?? null;
}

const labelChanged = (c: ProvisionChange) => c.before !== null && c.after !== null && c.before.label !== c.after.label;
const pieceChanged = (c: ProvisionChange) => c.status !== "unchanged" || labelChanged(c);
const isChanged = (unit: Unit) => unit.pieces.some(pieceChanged);

function statusOf(unit: Unit): ChangeStatus {
  for (const whole of ["added", "deleted"] as const) if (unit.pieces.every((c) => c.status === whole)) return whole;
  return isChanged(unit) ? "changed" : "unchanged";
}

/** A 項 of an added article is added with it: one change, not two. */
function insideAddedOrDeleted(unit: Unit): boolean {
  const status = statusOf(unit);
  return unit.parent !== null && (status === "added" || status === "deleted") && statusOf(unit.parent) === status;
}

/** Provisions that show where a change stands: its paragraph, article and 附則, not its chapter. */
const CONTEXT_KINDS: ReadonlySet<string> = new Set(["article", "paragraph", "item", "subitem", "supplProvision"]);

function rolesOf(units: readonly Unit[]): Map<Unit, "changed" | "context"> {
  const roles = new Map<Unit, "changed" | "context">();
  for (const unit of units) {
    if (!isChanged(unit)) continue;
    roles.set(unit, "changed");
    for (let at = unit.parent; at && CONTEXT_KINDS.has(kindOf(at)); at = at.parent) if (!roles.has(at)) roles.set(at, "context");
  }
  return roles;
}

// Rows ------------------------------------------------------------------------------------

function unitRow(unit: Unit, role: "changed" | "context", abbreviate: boolean): ShinkyuRow {
  const cells = { before: cellOf(unit, "before", role, abbreviate), after: cellOf(unit, "after", role, abbreviate) };
  const [head, body] = unit.pieces;
  // The paragraph's citation when only the first paragraph's wording changed (第4条第1項).
  const cited = body && !pieceChanged(head) && pieceChanged(body) ? body : head;
  return {
    label: provisionOf(cited).citation,
    role,
    status: role === "context" ? "unchanged" : statusOf(unit),
    changed: role === "changed",
    before: plainText(cells.before),
    after: plainText(cells.after),
    cells,
  };
}

/** Unchanged provisions between two shown ones: one line per run of siblings, "(1)・(2)　（略）". */
function omittedRow(gap: readonly Unit[]): ShinkyuRow {
  const inGap = new Set(gap);
  const tops = gap.filter((u) => !u.parent || !inGap.has(u.parent));
  const groups: Unit[][] = [];
  for (const unit of tops) {
    const last = groups.at(-1);
    if (last && last[0].parent === unit.parent && kindOf(last[0]) === kindOf(unit)) last.push(unit);
    else groups.push([unit]);
  }
  const cell = (side: ShinkyuSide): ShinkyuCell =>
    groups.map((group) => {
      const labels = joinSpan(group.map((u) => u.pieces[0][side]!.label).filter(Boolean), "");
      return line([{ text: labels ? `${labels}${SPACE}${OMITTED}` : OMITTED, underline: false }], ...indentOf(group[0], side));
    });
  const cells = { before: cell("before"), after: cell("after") };
  const label = joinSpan(tops.map((u) => provisionOf(u.pieces[0]).citation), "cite");
  return { label, role: "omitted", status: "unchanged", changed: false, before: plainText(cells.before), after: plainText(cells.after), cells };
}

/** "A", "A・B", "A～C"; citations drop what the first already says: 第3条第1号・第2号. */
function joinSpan(list: readonly string[], mode: "cite" | ""): string {
  if (list.length <= 1) return list[0] ?? "";
  const first = list[0];
  const last = mode === "cite" ? afterSharedUnits(first, list.at(-1)!) : list.at(-1)!;
  return `${first}${list.length === 2 ? "・" : "～"}${last}`;
}

function afterSharedUnits(first: string, last: string): string {
  let shared = 0;
  while (shared < first.length && first[shared] === last[shared]) shared++;
  const cut = Math.max(...[..."条項号則章節款"].map((unit) => first.lastIndexOf(unit, shared - 1)));
  return last.slice(cut + 1);
}

const plainText = (cell: ShinkyuCell) => cell.map((l) => l.runs.map((r) => r.text).join("")).join("\n");

// Cells -----------------------------------------------------------------------------------

const SPACE = "　";
const OMITTED = "（略）";
const CONTAINER_INDENT: Readonly<Record<string, number>> = { chapter: 3, section: 4, subsection: 5, supplProvision: 3, title: 3 };

function cellOf(unit: Unit, side: ShinkyuSide, role: "changed" | "context", abbreviate: boolean): ShinkyuCell {
  const [head, body] = unit.pieces;
  const own = head[side];
  if (!own) return [];
  const wording = body ?? head;
  // Wording nobody changed is （略）; a new or deleted provision is shown whole.
  const short = abbreviate && wording[side] !== null && wording[OTHER[side]] !== null && (role === "context" || !wording.textChanged);
  const captions = unit.pieces.flatMap((c) => captionLine(c, side) ?? []);
  if (own.kind === "title") return [line(textRuns(head, "text", side), 3, 3)];
  if (own.kind === "supplProvision") return [line(labelRuns(head, side), 3, 3)];
  if (own.kind in CONTAINER_INDENT) {
    return [line([...labelRuns(head, side), ...separator(head, side), ...textRuns(head, "caption", side)], ...indentOf(unit, side))];
  }
  const text = wording[side] ? (short ? [{ text: OMITTED, underline: false }] : textRuns(wording, "text", side)) : [];
  const label = own.label ? [...labelRuns(head, side), ...(text.length ? separator(head, side) : [])] : [];
  return [...captions, line([...label, ...text], ...indentOf(unit, side))];
}

function captionLine(change: ProvisionChange, side: ShinkyuSide): ShinkyuLine | null {
  const own = change[side];
  if (!own?.caption || own.kind in CONTAINER_INDENT) return null;
  // A caption only this side has is underlined with its parentheses.
  if (!change[OTHER[side]]?.caption) return line([{ text: `（${own.caption}）`, underline: true }], 1, 1);
  return line([{ text: "（", underline: false }, ...textRuns(change, "caption", side), { text: "）", underline: false }], 1, 1);
}

/** The changed characters underlined; all of it when only this side has the provision. */
function textRuns(change: ProvisionChange, field: "caption" | "text", side: ShinkyuSide): ShinkyuRun[] {
  const own = change[side]!;
  if (!change[OTHER[side]]) return [{ text: own[field], underline: true }];
  const parts = sidesOf(textDiff(change.before![field], change.after![field]))[side];
  return parts.map((p) => ({ text: p.text, underline: p.kind !== "same" }));
}

/** A new number is underlined whole (第4条 → 第5条), not digit by digit. */
function labelRuns(change: ProvisionChange, side: ShinkyuSide): ShinkyuRun[] {
  const other = change[OTHER[side]];
  return [{ text: change[side]!.label, underline: !other || other.label !== change[side]!.label }];
}

const separator = (change: ProvisionChange, side: ShinkyuSide): ShinkyuRun[] => [{ text: SPACE, underline: !change[OTHER[side]] }];

/** First-line and wrap indents as layout.ts prints each kind. */
function indentOf(unit: Unit, side: ShinkyuSide): [number, number] {
  const own = unit.pieces[0][side]!;
  if (own.kind in CONTAINER_INDENT) return [CONTAINER_INDENT[own.kind], CONTAINER_INDENT[own.kind]];
  if (own.kind === "article") return [0, 1];
  if (own.kind === "paragraph") return own.label ? [0, 1] : [1, 0];
  let depth = 0;
  for (let at = unit.parent; at && kindOf(at) === "subitem"; at = at.parent) depth++;
  const level = own.kind === "subitem" ? depth + 1 : 0;
  return [level + 1, level + 2];
}

/** Adjacent runs alike in underline are joined; empty ones dropped. */
function line(runs: readonly ShinkyuRun[], indent: number, wrapIndent: number): ShinkyuLine {
  const joined: ShinkyuRun[] = [];
  for (const run of runs) {
    if (!run.text) continue;
    const last = joined.at(-1);
    if (last && last.underline === run.underline) joined[joined.length - 1] = { text: last.text + run.text, underline: run.underline };
    else joined.push(run);
  }
  return { runs: joined, indent, wrapIndent };
}

// Lead sentence ---------------------------------------------------------------------------

/** Underlined parts on both sides (one replaces the other), only before (削る), only after (加える). */
export interface AmendmentKinds {
  replace: boolean;
  remove: boolean;
  add: boolean;
}

function amendmentKinds(units: readonly Unit[]): AmendmentKinds {
  const kinds: AmendmentKinds = { replace: false, remove: false, add: false };
  const note = (removed: string, added: string) => {
    if (removed && added) kinds.replace = true;
    else if (removed || added) kinds[removed ? "remove" : "add"] = true;
  };
  for (const { before, after } of units.flatMap((u) => u.pieces)) {
    if (!before || !after) {
      note(before ? "whole" : "", after ? "whole" : "");
      continue;
    }
    if (before.label !== after.label) note(before.label, after.label);
    for (const field of ["caption", "text"] as const) {
      if (before[field] === after[field]) continue;
      // Each run of changed parts between unchanged text is one amendment.
      let open = { removed: "", added: "" };
      for (const part of [...textDiff(before[field], after[field]), { kind: "same", text: "" } as const]) {
        if (part.kind !== "same") open[part.kind] += part.text;
        else {
          note(open.removed, open.added);
          open = { removed: "", added: "" };
        }
      }
    }
  }
  return kinds;
}

const PART = { before: "改正前の欄中下線が引かれた部分", after: "改正後の欄中下線が引かれた部分" };

/**
 * 鳥取県's sentence: "the underlined parts of the 改正前 column are amended into the underlined
 * parts of the 改正後 column", with a clause for each kind of part only one column has.
 */
export function defaultLead(kinds: AmendmentKinds = { replace: true, remove: false, add: false }): string {
  const replace = kinds.replace || (!kinds.remove && !kinds.add);
  // [words, connecting ending, final ending]: 改め・改める, 削り・削る, 加え・加える.
  const clauses: Array<[string, string, string]> = replace ? [[`次の表の${PART.before}を、同表の${PART.after}に改め`, "", "る"]] : [];
  const only = (side: ShinkyuSide) =>
    replace ? `${PART[side]}でこれに対応する${PART[OTHER[side]]}がないもの` : `${clauses.length ? "同表の" : "次の表の"}${PART[side]}`;
  if (kinds.remove) clauses.push([`${only("before")}を削`, "り", "る"]);
  if (kinds.add) clauses.push([`${only("after")}を加え`, "", "る"]);
  return clauses.map(([words, going, end], at) => words + (at === clauses.length - 1 ? end : going)).join("、") + "。";
}
