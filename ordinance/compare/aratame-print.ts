import type { Node } from "prosemirror-model";
import { formatItemLabel, formatParagraphLabel, formatUnitLabel, type NumberingStyle } from "../numbering";
import type { Entry } from "./aratame-tree";

// The newer text of a provision as a 改め文 prints it after 次のように改める or 次の1条を
//加える: laid out as the ordinance itself is (layout.ts): caption one in, 第2条 at the
// margin, later paragraphs at the margin, items one in, each level of subitem one more.

const SPACE = "　";

/**
 * Printed lines of a provision in its newer wording; `label` replaces its own label (a
 * replaced provision keeps the number it has at that point). Null when it holds raw content
 * (tables and the like), which this printer cannot set.
 */
export function printNewer(entry: Entry, label?: string): string[] | null {
  if (!entry.after || holdsRaw(entry.after.node)) return null;
  const lines: string[] = [];
  printEntry(entry, label ?? entry.after.label, lines);
  return lines;
}

/** The label a provision has at this point of the amendment: 第5条, 2, (3); a first paragraph prints its article's. */
export function currentLabel(e: Entry, style: NumberingStyle): string {
  const number = e.current!;
  if (e.kind === "article") return formatUnitLabel("article", number, style);
  if (e.kind === "item") return formatItemLabel(number, style);
  const owner = e.parent!;
  if (owner.kind === "article" && number[0] === 1) return formatUnitLabel("article", owner.current!, style);
  return formatParagraphLabel(number[0], style, { labelFirst: owner.kind === "supplProvision" && owner.present > 1 });
}

function printEntry(entry: Entry, label: string, lines: string[]): void {
  const after = entry.after!;
  const newer = entry.children.filter((child) => child.after);
  switch (entry.kind) {
    case "article":
      if (after.caption) lines.push(`${SPACE}（${after.caption}）`);
      newer.forEach((paragraph, at) => printEntry(paragraph, at === 0 ? label : paragraph.after!.label, lines));
      return;
    case "paragraph":
      if (after.caption) lines.push(`${SPACE}（${after.caption}）`);
      lines.push(label ? `${label}${SPACE}${after.text}` : `${SPACE}${after.text}`);
      break;
    case "item":
    case "subitem":
      lines.push(`${SPACE.repeat(depthOf(entry))}${label}${SPACE}${after.text}`);
      break;
    default:
      throw new Error(`internal: cannot print a ${entry.kind}`);
  }
  for (const child of newer) printEntry(child, child.after!.label, lines);
}

/** Items stand one in, subitems one more per level. */
function depthOf(entry: Entry): number {
  let depth = 0;
  for (let at: Entry | null = entry; at && (at.kind === "item" || at.kind === "subitem"); at = at.parent) depth++;
  return depth;
}

function holdsRaw(node: Node): boolean {
  let found = false;
  node.descendants((child) => {
    if (child.type.name === "raw" || child.type.name === "rawInline") found = true;
    return !found;
  });
  return found;
}
