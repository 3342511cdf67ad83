import { diffChars } from "diff";

// Differences inside a provision's wording, for underlines in the 新旧対照表 and quotes in
// the 改め文. A drafter marks whole words: 県民 → 住民 is one change, not 県 → 住 beside an
// unchanged 民. So character differences are widened to word boundaries (Intl.Segmenter),
// and a lone unchanged character between two changes joins them.

export interface TextPart {
  readonly text: string;
  /** "same" in both texts; "removed" only in the older; "added" only in the newer. */
  readonly kind: "same" | "removed" | "added";
}

type Run = { same: string } | { removed: string; added: string };
const isSame = (run: Run | undefined): run is { same: string } => run !== undefined && "same" in run;

const segmenter = new Intl.Segmenter("ja", { granularity: "word" });

function wordBoundaries(text: string): number[] {
  return [...segmenter.segment(text)].map((s) => s.index).concat(text.length);
}

export function textDiff(before: string, after: string): TextPart[] {
  const runs = widenToWords(groupChanges(before, after), wordBoundaries(before));
  return runs.flatMap((run): TextPart[] =>
    isSame(run)
      ? [{ text: run.same, kind: "same" }]
      : [
          ...(run.removed ? [{ text: run.removed, kind: "removed" as const }] : []),
          ...(run.added ? [{ text: run.added, kind: "added" as const }] : []),
        ],
  );
}

/** Character differences as alternating unchanged runs and changes (removed and added text together). */
function groupChanges(before: string, after: string): Run[] {
  const runs: Run[] = [];
  for (const part of diffChars(before, after)) {
    const last = runs.at(-1);
    if (!part.added && !part.removed) runs.push({ same: part.value });
    else if (last && !isSame(last)) {
      if (part.removed) last.removed += part.value;
      else last.added += part.value;
    } else runs.push({ removed: part.removed ? part.value : "", added: part.added ? part.value : "" });
  }
  return runs;
}

/**
 * Moves the characters of unchanged runs that share a word with a change into the change,
 * measuring words in the older text (the unchanged characters are the same in both).
 */
function widenToWords(runs: Run[], boundaries: readonly number[]): Run[] {
  const out: Run[] = [];
  let offset = 0;
  runs.forEach((run, at) => {
    if (!isSame(run)) {
      offset += run.removed.length;
      const last = out.at(-1);
      if (last && !isSame(last)) {
        last.removed += run.removed;
        last.added += run.added;
      } else out.push({ ...run });
      return;
    }
    const start = offset;
    const end = offset + run.same.length;
    offset = end;
    const previous = out.at(-1);
    const next = runs[at + 1];
    let head = 0;
    let tail = 0;
    if (previous && !isSame(previous)) head = (boundaries.find((b) => b >= start) ?? end) - start;
    if (next && !isSame(next)) tail = end - ([...boundaries].reverse().find((b) => b <= end) ?? start);
    const keep = run.same.length - head - tail;
    // Nothing (or one character) left between two changes: they are one change.
    if (previous && !isSame(previous) && next && !isSame(next) && keep <= 1) {
      previous.removed += run.same;
      previous.added += run.same;
      return;
    }
    if (keep <= 0) head = Math.min(head, run.same.length);
    const moved = run.same.slice(0, head);
    if (moved && previous && !isSame(previous)) {
      previous.removed += moved;
      previous.added += moved;
    }
    const stay = run.same.slice(head, Math.max(head, run.same.length - tail));
    const carried = run.same.slice(head + stay.length);
    if (stay) out.push({ same: stay });
    if (carried && next && !isSame(next)) {
      next.removed = carried + next.removed;
      next.added = carried + next.added;
    }
  });
  return out;
}

/** The older text's parts (same and removed) and the newer text's (same and added). */
export function sidesOf(parts: readonly TextPart[]): { before: TextPart[]; after: TextPart[] } {
  return { before: parts.filter((p) => p.kind !== "added"), after: parts.filter((p) => p.kind !== "removed") };
}
