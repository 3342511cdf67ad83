import type { Node } from "prosemirror-model";
import {
  formatAddress,
  formatItemLabel,
  formatParagraphLabel,
  formatSubitemLabel,
  formatUnitLabel,
  parseNumAttribute,
  toNumAttribute,
  type NumberingStyle,
  type ProvisionNumber,
  type ProvisionPath,
} from "../numbering";

// Labels and addresses derived from position, never stored (DESIGN.md). One walk serves the
// editor's labels, the 目次 and every export, so they cannot disagree.

export type NumberedKind =
  | "chapter"
  | "section"
  | "subsection"
  | "article"
  | "paragraph"
  | "item"
  | "subitem"
  | "supplProvision";

export interface NumberedProvision {
  readonly kind: NumberedKind;
  /** As printed at the head of the provision: "第2条の2", "2", "" (a first paragraph), "(1)", "ア", "附　則". */
  readonly label: string;
  /** The full address: "第3条第2項第1号", "附則第2項", "第2章第1節", "附則". */
  readonly address: string;
  /** The e-Gov Num attribute: "2_2", "1:25"; absent for 附則. */
  readonly num?: string;
  /** Subitem depth (1 for ア / イ); 0 for everything else. */
  readonly level: number;
}

export interface NumberingContext {
  /** Enclosing chapters, sections and subsections, outermost first. */
  readonly containers: readonly Node[];
  /** The enclosing 附則, if any. */
  readonly supplProvision?: Node;
}

export type NumberingVisitor = (node: Node, info: NumberedProvision, context: NumberingContext) => void;

/** The numbering style a draft is written in (its `style` attribute). */
export function documentStyle(doc: Node): NumberingStyle {
  return doc.attrs.style === "vertical" ? "vertical" : "horizontal";
}

/** Map from node id to its label and address; nodes still without an id are left out. */
export function numberDocument(doc: Node, style: NumberingStyle): Map<string, NumberedProvision> {
  const result = new Map<string, NumberedProvision>();
  forEachNumbered(doc, style, (node, info) => {
    const id = node.attrs.id as string | null;
    if (id) result.set(id, info);
  });
  return result;
}

/**
 * For writers that walk the document themselves (e-Gov, text, DOCX): hands out the walk's
 * entries one by one, checking that the writer visits the same node the walk did.
 */
export function numberingCursor(doc: Node, style: NumberingStyle): (node: Node) => NumberedProvision {
  const visited: Array<readonly [Node, NumberedProvision]> = [];
  forEachNumbered(doc, style, (node, info) => visited.push([node, info]));
  let at = 0;
  return (node) => {
    const [seen, info] = visited[at++] ?? [];
    if (seen !== node || !info) throw new Error("internal: a writer left the order of the numbering walk");
    return info;
  };
}

interface Scope {
  readonly style: NumberingStyle;
  /** "" in the 本則, "附則" or "附則（…）" in a 附則, "前文" in the preamble. */
  readonly prefix: string;
  /** The last article number so far: articles run on across chapters. */
  lastArticle: ProvisionNumber | null;
  readonly context: NumberingContext;
}

interface Parent {
  readonly address: string;
  /** Numbers so far, or null once a provision's number cannot be derived (a range, a written label). */
  readonly path: ProvisionPath | null;
  readonly level: number;
}

const CONTAINER_UNITS = { chapter: "chapter", section: "section", subsection: "subsection" } as const;
const CONTAINER_COUNTERS = { chapter: "章", section: "節", subsection: "款" } as const;

/** Visits every numbered provision in document order with its derived label and address. */
export function forEachNumbered(doc: Node, style: NumberingStyle, visit: NumberingVisitor): void {
  const suppls: Node[] = [];
  doc.forEach((child) => {
    if (child.type.name === "supplProvision") suppls.push(child);
  });
  doc.forEach((child) => {
    const name = child.type.name;
    if (name === "preamble") {
      const scope: Scope = { style, prefix: "前文", lastArticle: null, context: { containers: [] } };
      walkParagraphs(child, scope, { address: "前文", path: { supplementary: true }, level: 0 }, visit, "never");
    } else if (name === "mainProvision") {
      walkProvisions(child, { style, prefix: "", lastArticle: null, context: { containers: [] } }, "", visit);
    } else if (name === "supplProvision") {
      const amendLawNum = child.attrs.amendLawNum as string | null;
      // Several 附則 are told apart by the amending law, as e-Gov's own locators do.
      const prefix = suppls.length > 1 && amendLawNum ? `附則（${amendLawNum}）` : "附則";
      visit(
        child,
        { kind: "supplProvision", label: child.attrs.label as string, address: prefix, level: 0 },
        { containers: [] }
      );
      const scope: Scope = { style, prefix, lastArticle: null, context: { containers: [], supplProvision: child } };
      walkProvisions(child, scope, prefix, visit);
    }
  });
}

/** Chapters, articles or (in a 附則) paragraphs: the children of a provision list or container. */
function walkProvisions(parent: Node, scope: Scope, parentAddress: string, visit: NumberingVisitor): void {
  if (parent.firstChild?.type.name === "paragraph") {
    // A 附則 made of paragraphs numbers all of them, the first too, once there are two.
    const root: Parent = { address: scope.prefix, path: { supplementary: true }, level: 0 };
    walkParagraphs(parent, scope, root, visit, "whenSeveral");
    return;
  }
  let last: ProvisionNumber | null = null;
  parent.forEach((child) => {
    const kind = child.type.name;
    if (kind === "article") {
      scope.lastArticle = walkArticle(child, scope, visit);
    } else if (kind === "chapter" || kind === "section" || kind === "subsection") {
      const { number, next, num } = numberOf(child, last);
      last = next;
      const derived = number
        ? formatUnitLabel(CONTAINER_UNITS[kind], number, scope.style)
        : `第${num}${CONTAINER_COUNTERS[kind]}`;
      const label = (child.attrs.label as string | null) ?? derived;
      const address = (parentAddress || scope.prefix) + label;
      visit(child, { kind, label, address, num, level: 0 }, scope.context);
      const inner: Scope = {
        ...scope,
        context: { ...scope.context, containers: [...scope.context.containers, child] },
      };
      walkProvisions(child, inner, address, visit);
      scope.lastArticle = inner.lastArticle;
    }
  });
}

function walkArticle(article: Node, scope: Scope, visit: NumberingVisitor): ProvisionNumber | null {
  const { number, next, num } = numberOf(article, scope.lastArticle);
  const written = article.attrs.label as string | null;
  const label = written ?? (number ? formatUnitLabel("article", number, scope.style) : `第${num}条`);
  const path: ProvisionPath | null = number && !written ? { supplementary: true, article: number } : null;
  const address = path ? scope.prefix + addressOf(path, scope.style) : scope.prefix + label;
  visit(article, { kind: "article", label, address, num, level: 0 }, scope.context);
  walkParagraphs(article, scope, { address, path, level: 0 }, visit, "never");
  return next;
}

type LabelFirst = "never" | "whenSeveral";

function walkParagraphs(parent: Node, scope: Scope, owner: Parent, visit: NumberingVisitor, first: LabelFirst): void {
  let count = 0;
  parent.forEach((child) => {
    if (child.type.name === "paragraph") count++;
  });
  const labelFirst = first === "whenSeveral" && count > 1;
  let last: ProvisionNumber | null = null;
  parent.forEach((paragraph) => {
    if (paragraph.type.name !== "paragraph") return;
    const { number, next, num } = numberOf(paragraph, last);
    last = next;
    const index = number?.length === 1 ? number[0] : null;
    const written = paragraph.attrs.label as string | null;
    const label = written ?? (index !== null ? formatParagraphLabel(index, scope.style, { labelFirst }) : num);
    const path = index !== null && owner.path && written === null ? { ...owner.path, paragraph: index } : null;
    const address = path ? scope.prefix + addressOf(path, scope.style) : `${owner.address}第${label || num}項`;
    visit(paragraph, { kind: "paragraph", label, address, num, level: 0 }, scope.context);
    walkEnumerated(paragraph, scope, { address, path, level: 0 }, visit);
  });
}

/** Items under a paragraph, subitems under an item or subitem. */
function walkEnumerated(parent: Node, scope: Scope, owner: Parent, visit: NumberingVisitor): void {
  const kind = owner.level === 0 ? "item" : "subitem";
  const level = owner.level;
  let last: ProvisionNumber | null = null;
  parent.forEach((child) => {
    if (child.type.name !== kind) return;
    const { number, next, num } = numberOf(child, last);
    last = next;
    const written = child.attrs.label as string | null;
    let path: ProvisionPath | null = null;
    let derived = num;
    if (kind === "item" && number) {
      derived = formatItemLabel(number, scope.style);
      path = owner.path ? { ...owner.path, item: number } : null;
    } else if (kind === "subitem" && number?.length === 1) {
      derived = subitemLabel(level, number[0], scope.style);
      path = owner.path ? { ...owner.path, subitems: [...(owner.path.subitems ?? []), number[0]] } : null;
    }
    if (written !== null) path = null;
    const label = written ?? derived;
    const address = path ? safeAddress(path, scope, owner.address + label) : owner.address + label;
    visit(child, { kind, label, address, num, level }, scope.context);
    walkEnumerated(child, scope, { address, path, level: level + 1 }, visit);
  });
}

/** Past the deepest level a style names, labels fall back to the number in parentheses. */
function subitemLabel(level: number, index: number, style: NumberingStyle): string {
  try {
    return formatSubitemLabel(level, index, style);
  } catch {
    return `(${index})`;
  }
}

function safeAddress(path: ProvisionPath, scope: Scope, fallback: string): string {
  try {
    return scope.prefix + addressOf(path, scope.style);
  } catch {
    return fallback;
  }
}

/**
 * formatAddress without its "附則": every path is marked supplementary so that paragraphs
 * with no article (a 附則 of paragraphs, the preamble) are accepted; the scope adds the prefix.
 */
function addressOf(path: ProvisionPath, style: NumberingStyle): string {
  return formatAddress(path, style).replace(/^附則/, "");
}

/**
 * The number of a provision: its `num` override when set, else one past the previous main
 * number (after 第36条の2 comes 第37条). `next` is what the following sibling counts from;
 * a range "1:25" has no single number but the next one is 26.
 */
export function numberFrom(
  override: string | null,
  previous: ProvisionNumber | null
): { number: ProvisionNumber | null; next: ProvisionNumber | null; num: string } {
  if (override === null || override === "") {
    const number = [(previous?.[0] ?? 0) + 1];
    return { number, next: number, num: toNumAttribute(number) };
  }
  const single = parseNumAttribute(override);
  if (single) return { number: single, next: single, num: override };
  const rangeEnd = parseNumAttribute(override.split(":").at(-1) ?? "");
  return { number: null, next: rangeEnd ?? previous, num: override };
}

function numberOf(node: Node, previous: ProvisionNumber | null) {
  return numberFrom(node.attrs.num as string | null, previous);
}
