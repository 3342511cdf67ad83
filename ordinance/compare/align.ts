import { fullText, type Provision } from "./provisions";

// Pairs the provisions of two texts. Versions of one draft share node ids, so ids pair
// them whatever was renumbered or moved. Texts without shared ids (two e-Gov files, an old
// ordinance and a new draft) are paired level by level: siblings in order by how alike they
// read, so an inserted article does not pair every later one with its neighbour.

export interface ProvisionPair {
  readonly before: Provision | null;
  readonly after: Provision | null;
}

export type AlignMode = "id" | "text";

/** Ids when most of the newer text's ids occur in the older one, else numbers and wording. */
export function chooseAlignMode(before: readonly Provision[], after: readonly Provision[]): AlignMode {
  const ids = new Set(before.map((p) => p.id).filter(Boolean));
  const withId = after.filter((p) => p.id);
  const shared = withId.filter((p) => ids.has(p.id)).length;
  return withId.length > 0 && shared * 2 >= withId.length ? "id" : "text";
}

export function alignProvisions(
  before: readonly Provision[],
  after: readonly Provision[],
  mode: AlignMode = chooseAlignMode(before, after),
): ProvisionPair[] {
  const partner = mode === "id" ? pairById(before, after) : pairByText(before, after);
  return inReadingOrder(before, after, partner);
}

/** after key → before provision. */
type Partners = Map<string, Provision>;

function pairById(before: readonly Provision[], after: readonly Provision[]): Partners {
  const byKey = new Map(before.map((p) => [p.key, p]));
  const partner: Partners = new Map();
  for (const p of after) {
    const match = byKey.get(p.key);
    if (match && match.kind === p.kind) partner.set(p.key, match);
  }
  return partner;
}

/** Below this likeness two provisions are a deletion and an insertion, not one changed provision. */
const SAME_PROVISION = 0.4;

function pairByText(before: readonly Provision[], after: readonly Provision[]): Partners {
  const partner: Partners = new Map();
  const childrenOf = (list: readonly Provision[], parentKey: string | null) => list.filter((p) => p.parentKey === parentKey);
  const pairLevel = (olderParent: string | null, newerParent: string | null) => {
    const older = childrenOf(before, olderParent);
    const newer = childrenOf(after, newerParent);
    for (const [a, b] of alignSequences(older, newer)) {
      partner.set(b.key, a);
      pairLevel(a.key, b.key);
    }
  };
  const title = [before.find((p) => p.kind === "title"), after.find((p) => p.kind === "title")];
  if (title[0] && title[1]) partner.set(title[1].key, title[0]);
  pairLevel(null, null);
  pairMovedArticles(before, after, partner);
  return partner;
}

/**
 * An order-keeping alignment of two sibling lists (Needleman–Wunsch without gap costs):
 * pairs only provisions of one kind, maximising summed likeness, where the same number
 * counts a little in favour so that two equally changed provisions keep their places.
 */
function alignSequences(older: readonly Provision[], newer: readonly Provision[]): Array<[Provision, Provision]> {
  const n = older.length;
  const m = newer.length;
  const score = (a: Provision, b: Provision) => {
    if (a.kind !== b.kind) return 0;
    if (a.kind === "supplProvision") return 1;
    const alike = likeness(fullText(a), fullText(b)) + (a.num !== null && a.num === b.num ? 0.1 : 0);
    return alike >= SAME_PROVISION ? alike : 0;
  };
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const scores: number[][] = Array.from({ length: n }, (_, i) => newer.map((b) => score(older[i], b)));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const take = scores[i][j] > 0 ? scores[i][j] + best[i + 1][j + 1] : 0;
      best[i][j] = Math.max(take, best[i + 1][j], best[i][j + 1]);
    }
  }
  const pairs: Array<[Provision, Provision]> = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (scores[i][j] > 0 && best[i][j] === scores[i][j] + best[i + 1][j + 1]) pairs.push([older[i++], newer[j++]]);
    else if (best[i][j] === best[i + 1][j]) i++;
    else j++;
  }
  return pairs;
}

/** Articles left unpaired on both sides that read nearly the same were moved, not replaced. */
function pairMovedArticles(before: readonly Provision[], after: readonly Provision[], partner: Partners): void {
  const taken = new Set([...partner.values()].map((p) => p.key));
  const lonelyBefore = before.filter((p) => p.kind === "article" && !taken.has(p.key));
  for (const b of after) {
    if (b.kind !== "article" || partner.has(b.key)) continue;
    let best: { p: Provision; alike: number } | null = null;
    for (const a of lonelyBefore) {
      if (taken.has(a.key)) continue;
      const alike = likeness(fullText(a), fullText(b));
      if (alike >= 0.8 && (!best || alike > best.alike)) best = { p: a, alike };
    }
    if (!best) continue;
    partner.set(b.key, best.p);
    taken.add(best.p.key);
    const older = before.filter((p) => p.parentKey === best.p.key);
    const newer = after.filter((p) => p.parentKey === b.key);
    for (const [x, y] of alignSequences(older, newer)) partner.set(y.key, x);
  }
}

/** Dice coefficient over character bigrams: 1 for the same text, 0 for nothing in common. */
export function likeness(a: string, b: string): number {
  if (a === b) return 1;
  const grams = (text: string) => {
    const counts = new Map<string, number>();
    const compact = text.replace(/\s+/g, "");
    for (let i = 0; i + 1 < compact.length; i++) {
      const gram = compact.slice(i, i + 2);
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
    return { counts, size: Math.max(0, compact.length - 1) };
  };
  const x = grams(a);
  const y = grams(b);
  if (x.size + y.size === 0) return 0;
  let shared = 0;
  for (const [gram, count] of x.counts) shared += Math.min(count, y.counts.get(gram) ?? 0);
  return (2 * shared) / (x.size + y.size);
}

/**
 * The newer text's order, with each provision that exists only in the older text shown
 * where it stood: after the whole of its previous sibling's counterpart, or right after its
 * parent's counterpart when it was the first child. A deleted article keeps its paragraphs.
 */
function inReadingOrder(before: readonly Provision[], after: readonly Provision[], partner: Partners): ProvisionPair[] {
  const pairs: ProvisionPair[] = after.map((p) => ({ before: partner.get(p.key) ?? null, after: p }));
  const counterpart = new Map<string, number>();
  pairs.forEach((pair, at) => pair.before && counterpart.set(pair.before.key, at));
  const subtreeEnd = subtreeEnds(after);
  const deleted = new Set(before.filter((p) => !counterpart.has(p.key)).map((p) => p.key));
  const inserts = new Map<number, Provision[]>();
  let slot = -1;
  const previousSibling = new Map<string | null, Provision>();
  for (const p of before) {
    if (!deleted.has(p.key)) {
      previousSibling.set(p.parentKey, p);
      continue;
    }
    const sibling = previousSibling.get(p.parentKey);
    // Inside a deleted parent, or right after a deleted sibling, the slot stays: older order.
    const followsDeleted = (p.parentKey !== null && deleted.has(p.parentKey)) || (sibling !== undefined && deleted.has(sibling.key));
    if (!followsDeleted) {
      const parentAt = p.parentKey === null ? undefined : counterpart.get(p.parentKey);
      if (sibling) slot = subtreeEnd[counterpart.get(sibling.key)!];
      else if (parentAt !== undefined) slot = parentAt;
      else slot = pairs.findIndex((pair) => pair.after?.kind === "title");
    }
    previousSibling.set(p.parentKey, p);
    const list = inserts.get(slot) ?? [];
    list.push(p);
    inserts.set(slot, list);
  }
  const ordered: ProvisionPair[] = [];
  const flush = (at: number) => {
    for (const p of inserts.get(at) ?? []) ordered.push({ before: p, after: null });
  };
  flush(-1);
  pairs.forEach((pair, at) => {
    ordered.push(pair);
    flush(at);
  });
  return ordered;
}

/** For each provision, the index of the last provision inside it (itself when it has none). */
function subtreeEnds(list: readonly Provision[]): number[] {
  const ends = list.map((_, at) => at);
  const indexOf = new Map(list.map((p, at) => [p.key, at]));
  const parentIndex = (p: Provision) => (p.parentKey === null ? undefined : indexOf.get(p.parentKey));
  list.forEach((p, at) => {
    for (let up = parentIndex(p); up !== undefined; up = parentIndex(list[up])) ends[up] = Math.max(ends[up], at);
  });
  return ends;
}
