import type { Node } from "prosemirror-model";
import {
  plainText,
  type Article,
  type Container,
  type ContainerKind,
  type Item,
  type Paragraph,
  type ProvisionNode,
  type RawNode,
  type Subitem,
} from "../egov";
import {
  formatItemLabel,
  formatParagraphLabel,
  formatSubitemLabel,
  formatUnitLabel,
  type NumberingStyle,
  type ProvisionNumber,
} from "../numbering";
import { captionText, headingText } from "../model/outline";
import { numberFrom, type NumberedProvision } from "../model/numbering";
import { ordinanceSchema as schema } from "../model/schema";
import { rawBlockNode, rawOf, readSentences, writeSentences } from "./egov-text";

// 章・節・款, 条, 項, 号 and 号の細分 both ways. Reading keeps a number or label only where
// the derived one would differ (第三十六条の二, 一から二十五まで); writing takes every Num
// and title from the numbering walk, so a draft's numbers are always the derived ones.

export interface ReadContext {
  readonly style: NumberingStyle;
  readonly makeId: () => string;
}

/** Counts siblings the way the numbering walk does, to tell which Num it could not derive. */
export class Sequence {
  private previous: ProvisionNumber | null = null;

  take(written: string): { override: string | null; number: ProvisionNumber | null } {
    const derived = numberFrom(null, this.previous);
    const actual = numberFrom(written, this.previous);
    this.previous = actual.next;
    return { override: written === derived.num ? null : written, number: actual.number };
  }
}

function attrs(ctx: ReadContext, override: string | null, written: string, derived: string | null) {
  return { id: ctx.makeId(), num: override, label: written === derived ? null : written };
}

const CHILD_KIND: Readonly<Record<string, ContainerKind | undefined>> = {
  mainProvision: "chapter",
  chapter: "section",
  section: "subsection",
};

const KIND_NAMES: Readonly<Record<ContainerKind, string>> = {
  part: "編",
  chapter: "章",
  section: "節",
  subsection: "款",
  division: "目",
};

function unsupported(what: string): RangeError {
  return new RangeError(
    `${what}を含む法令は、条例案の構成に変換できません。章・節・款と条で構成された法令を指定してください。`
  );
}

/**
 * The children of MainProvision, SupplProvision or a container, which must all be of one
 * kind (the schema has no place for an article beside a chapter). `parent` names the level.
 */
export function readProvisions(
  nodes: readonly ProvisionNode[],
  parent: "mainProvision" | "supplProvision" | "chapter" | "section",
  ctx: ReadContext,
  articles = new Sequence()
): Node[] {
  const kinds = new Set(nodes.map((node) => (node.type === "container" ? node.kind : node.type)));
  if (kinds.size > 1) throw unsupported("同じ階層に章・節と条（又は項）が混在する構成");
  const containerKind = CHILD_KIND[parent === "supplProvision" ? "mainProvision" : parent];
  const containers = new Sequence();
  const paragraphs = new Sequence();
  const labelFirst = nodes.length > 1;
  return nodes.map((node) => {
    if (node.type === "article") return readArticle(node, articles.take(node.num), ctx);
    if (node.type === "paragraph") {
      if (parent !== "supplProvision") throw unsupported("条に属さない項（項建ての本則）");
      return readParagraph(node, paragraphs.take(node.num), ctx, labelFirst);
    }
    if (node.kind !== containerKind) throw unsupported(`この位置の${KIND_NAMES[node.kind]}`);
    return readContainer(node, containers.take(node.num), ctx, articles);
  });
}

function readContainer(
  container: Container,
  taken: { override: string | null; number: ProvisionNumber | null },
  ctx: ReadContext,
  articles: Sequence
): Node {
  const title = plainText(container.title);
  const match = /^(第\S+?[章節款](?:の\S+?)?)(?:[　\s]+([\s\S]*))?$/.exec(title);
  const [written, heading] = match ? [match[1], match[2] ?? ""] : ["", title];
  const kind = container.kind as "chapter" | "section" | "subsection";
  const derived = taken.number ? formatUnitLabel(kind, taken.number, ctx.style) : null;
  return schema.nodes[kind].create(attrs(ctx, taken.override, written, derived), [
    schema.nodes.heading.create(null, heading ? schema.text(heading) : []),
    ...readProvisions(container.children, kind as "chapter" | "section", ctx, articles),
  ]);
}

function captionNode(caption: Article["caption"]): Node[] {
  if (caption === undefined) return [];
  const text = plainText(caption);
  // Stored without its parentheses: the editor and every export add them back.
  const inner = /^（([\s\S]*)）$/.exec(text)?.[1] ?? text;
  return [schema.nodes.caption.create(null, inner ? schema.text(inner) : [])];
}

function readArticle(article: Article, taken: ReturnType<Sequence["take"]>, ctx: ReadContext): Node {
  const derived = taken.number ? formatUnitLabel("article", taken.number, ctx.style) : null;
  const paragraphs = new Sequence();
  return schema.nodes.article.create(attrs(ctx, taken.override, plainText(article.title), derived), [
    ...captionNode(article.caption),
    ...article.paragraphs.map((p) => readParagraph(p, paragraphs.take(p.num), ctx, false)),
  ]);
}

export function readParagraph(
  paragraph: Paragraph,
  taken: ReturnType<Sequence["take"]>,
  ctx: ReadContext,
  labelFirst: boolean
): Node {
  const index = taken.number?.length === 1 ? taken.number[0] : null;
  const derived = index === null ? null : formatParagraphLabel(index, ctx.style, { labelFirst });
  const items = new Sequence();
  return schema.nodes.paragraph.create(attrs(ctx, taken.override, plainText(paragraph.paragraphNum), derived), [
    ...captionNode(paragraph.caption),
    ...readSentences(paragraph.sentences),
    ...(paragraph.rawBeforeItems ?? []).map(rawBlockNode),
    ...paragraph.items.map((item) => readEnumerated(item, 0, items.take(item.num), ctx)),
    ...(paragraph.rawAfterItems ?? []).map(rawBlockNode),
  ]);
}

function readEnumerated(
  node: Item | Subitem,
  level: number,
  taken: ReturnType<Sequence["take"]>,
  ctx: ReadContext
): Node {
  let derived: string | null = null;
  if (taken.number && level === 0) derived = formatItemLabel(taken.number, ctx.style);
  else if (taken.number?.length === 1) derived = subitemLabel(level, taken.number[0], ctx.style);
  const subitems = new Sequence();
  const written = node.title === undefined ? "" : plainText(node.title);
  return schema.nodes[level === 0 ? "item" : "subitem"].create(attrs(ctx, taken.override, written, derived), [
    ...readSentences(node.sentences),
    ...node.subitems.map((subitem) => readEnumerated(subitem, level + 1, subitems.take(subitem.num), ctx)),
    ...(node.rawAfterSubitems ?? []).map(rawBlockNode),
  ]);
}

// The same fallback the numbering walk uses past the deepest named level.
function subitemLabel(level: number, index: number, style: NumberingStyle): string {
  try {
    return formatSubitemLabel(level, index, style);
  } catch {
    return `(${index})`;
  }
}

export interface WriteContext {
  readonly writingMode: string;
  /** The next entry of the numbering walk, which visits provisions in the same order. */
  readonly next: (node: Node) => NumberedProvision;
}

export function writeProvisions(parent: Node, ctx: WriteContext): ProvisionNode[] {
  const nodes: ProvisionNode[] = [];
  parent.forEach((child) => {
    const name = child.type.name;
    if (name === "article") nodes.push(writeArticle(child, ctx));
    else if (name === "paragraph") nodes.push(writeParagraph(child, ctx));
    else if (name === "chapter" || name === "section" || name === "subsection") nodes.push(writeContainer(child, ctx));
  });
  return nodes;
}

function writeContainer(node: Node, ctx: WriteContext): Container {
  const info = ctx.next(node);
  const heading = headingText(node);
  const title = info.label && heading ? `${info.label}　${heading}` : info.label || heading;
  const children = writeProvisions(node, ctx) as (Container | Article)[];
  return { type: "container", kind: node.type.name as ContainerKind, num: info.num ?? "", title, children };
}

function caption(node: Node): { caption?: string } {
  // An empty caption the drafter has not filled in yet is not written as （）.
  const text = captionText(node);
  return text ? { caption: `（${text}）` } : {};
}

function writeArticle(node: Node, ctx: WriteContext): Article {
  const info = ctx.next(node);
  const paragraphs: Paragraph[] = [];
  node.forEach((child) => {
    if (child.type.name === "paragraph") paragraphs.push(writeParagraph(child, ctx));
  });
  return { type: "article", num: info.num ?? "", ...caption(node), title: info.label, paragraphs };
}

export function writeParagraph(node: Node, ctx: WriteContext): Paragraph {
  const info = ctx.next(node);
  const parts = split(node, ctx, "item");
  return {
    type: "paragraph",
    num: info.num ?? "",
    ...caption(node),
    paragraphNum: info.label,
    sentences: writeSentences(parts.sentences, ctx.writingMode),
    items: parts.children as Item[],
    ...(parts.rawBefore.length > 0 ? { rawBeforeItems: parts.rawBefore } : {}),
    ...(parts.rawAfter.length > 0 ? { rawAfterItems: parts.rawAfter } : {}),
  };
}

function writeEnumerated(node: Node, ctx: WriteContext): Item | Subitem {
  const info = ctx.next(node);
  const parts = split(node, ctx, "subitem");
  const rawAfterSubitems = [...parts.rawBefore, ...parts.rawAfter];
  const shared = {
    num: info.num ?? "",
    ...(info.label === "" ? {} : { title: info.label }),
    sentences: writeSentences(parts.sentences, ctx.writingMode),
    subitems: parts.children as Subitem[],
    ...(rawAfterSubitems.length > 0 ? { rawAfterSubitems } : {}),
  };
  return node.type.name === "item" ? { type: "item", ...shared } : { type: "subitem", level: info.level, ...shared };
}

/** A paragraph's or item's children sorted out: sentences, raw content either side, and the enumerated children. */
function split(node: Node, ctx: WriteContext, childType: "item" | "subitem") {
  const sentences: Node[] = [];
  const rawBefore: RawNode[] = [];
  const rawAfter: RawNode[] = [];
  const children: (Item | Subitem)[] = [];
  node.forEach((child) => {
    const name = child.type.name;
    if (name === "sentence") sentences.push(child);
    else if (name === "raw") (children.length > 0 ? rawAfter : rawBefore).push(rawOf(child));
    else if (name === childType) children.push(writeEnumerated(child, ctx));
  });
  return { sentences, rawBefore, rawAfter, children };
}
