import type { Node } from "prosemirror-model";
import type { NumberingStyle } from "../numbering";
import { forEachNumbered, type NumberedKind } from "./numbering";

// The 目次 is computed, never typed: chapters, sections and subsections with the articles
// they hold, then the 附則. The sidebar uses the same entries, articles included.

export type OutlineKind = Extract<NumberedKind, "chapter" | "section" | "subsection" | "article" | "supplProvision">;

export interface OutlineEntry {
  readonly kind: OutlineKind;
  readonly id: string | null;
  /** 0 for chapters and for articles outside any chapter; one more per enclosing container. */
  readonly depth: number;
  /** "第1章", "第2条の2", "附　則". */
  readonly label: string;
  /** The heading of a container, the caption (without parentheses) of an article; "" if none. */
  readonly title: string;
  /** The e-Gov Num, for containers and articles. */
  readonly num?: string;
  /** Containers only: "（第1条―第4条）", or "（第37条）" for one article. */
  readonly range?: string;
  /** True for articles of a 附則. */
  readonly supplementary: boolean;
  /** Whether a container holds sections or subsections (the 目次 then gives no range for it). */
  readonly hasSubdivisions: boolean;
}

interface Building {
  kind: OutlineKind;
  id: string | null;
  depth: number;
  label: string;
  title: string;
  num?: string;
  first?: string;
  last?: string;
  supplementary: boolean;
  hasSubdivisions: boolean;
}

/** The 目次 entries in document order. */
export function outline(doc: Node, style: NumberingStyle): OutlineEntry[] {
  const entries: Building[] = [];
  const byNode = new Map<Node, Building>();
  forEachNumbered(doc, style, (node, info, context) => {
    const supplementary = context.supplProvision !== undefined;
    const depth = context.containers.length + (supplementary && info.kind !== "supplProvision" ? 1 : 0);
    const base = { id: (node.attrs.id as string | null) ?? null, depth, label: info.label, supplementary };
    if (info.kind === "chapter" || info.kind === "section" || info.kind === "subsection") {
      const entry: Building = {
        ...base,
        kind: info.kind,
        title: headingText(node),
        num: info.num,
        hasSubdivisions: false,
      };
      const parent = context.containers.at(-1);
      if (parent) byNode.get(parent)!.hasSubdivisions = true;
      entries.push(entry);
      byNode.set(node, entry);
    } else if (info.kind === "article") {
      entries.push({ ...base, kind: "article", title: captionText(node), num: info.num, hasSubdivisions: false });
      for (const container of context.containers) {
        const entry = byNode.get(container)!;
        entry.first ??= info.label;
        entry.last = info.label;
      }
    } else if (info.kind === "supplProvision") {
      entries.push({ ...base, kind: "supplProvision", title: "", hasSubdivisions: false });
    }
  });
  return entries.map(({ first, last, ...entry }) =>
    first === undefined ? entry : { ...entry, range: articleRange(first, last ?? first) }
  );
}

/** "（第1条―第4条）"; e-Gov's 目次 joins the two with a horizontal bar (U+2015). */
export function articleRange(first: string, last: string): string {
  return first === last ? `（${first}）` : `（${first}―${last}）`;
}

/** "第1章　総則（第1条―第4条）", "第1条（目的）", "附　則": one line of a printed 目次 or sidebar. */
export function outlineLine(entry: OutlineEntry): string {
  if (entry.kind === "article") return entry.title ? `${entry.label}（${entry.title}）` : entry.label;
  if (entry.kind === "supplProvision") return entry.label;
  const range = entry.hasSubdivisions ? "" : entry.range ?? "";
  return `${entry.label}${entry.title ? `　${entry.title}` : ""}${range}`;
}

/** The text of a container's heading child. */
export function headingText(node: Node): string {
  const first = node.firstChild;
  return first?.type.name === "heading" ? first.textContent : "";
}

/** The caption of an article or paragraph, without parentheses; "" when there is none. */
export function captionText(node: Node): string {
  const first = node.firstChild;
  return first?.type.name === "caption" ? first.textContent : "";
}
