import {
  formatAddress,
  parseNumAttribute,
  parseUnitLabel,
  type NumberingStyle,
  type ProvisionPath,
} from "../numbering";
import { plainText } from "./inline";
import type {
  Article,
  ContainerKind,
  Item,
  LawDocument,
  Paragraph,
  ProvisionNode,
  SentenceBlock,
  Subitem,
} from "./law-tree";

// Every provision made addressable for the knowledge base: a stable anchor built from Num
// attributes ("a36_2-p1-i2") and a locator a person reads ("第三十六条の二第一項第二号").

/** A chapter, section … the article sits in, outermost first. */
export interface ContainerStep {
  readonly kind: ContainerKind;
  readonly num: string;
  readonly title: string;
}

/** Which 附則: `index` counts from 1 in document order, the original one first. */
export interface SupplProvisionRef {
  readonly index: number;
  readonly amendLawNum?: string;
}

export interface ArticleEntry {
  readonly article: Article;
  /** "a3", "a36_2"; in the 附則 "s1-a1", "s2-a1". */
  readonly anchor: string;
  /** "第三条", "附則第一条", "附則（令和五年六月一六日法律第五六号）第一条". */
  readonly locator: string;
  readonly path: readonly ContainerStep[];
  readonly supplProvision?: SupplProvisionRef;
}

export type ProvisionKind = "article" | "paragraph" | "item" | "subitem";

export interface ProvisionEntry {
  readonly kind: ProvisionKind;
  readonly node: Article | Paragraph | Item | Subitem;
  /** "a3", "a3-p2", "a3-p2-i1", "a3-p2-i1-si1"; "p2" and "s1-p2" where paragraphs stand alone; "preamble-p1". */
  readonly anchor: string;
  readonly locator: string;
  /** The anchor of the provision this one sits in, if any. */
  readonly parentAnchor?: string;
  readonly path: readonly ContainerStep[];
  readonly supplProvision?: SupplProvisionRef;
}

interface Scope {
  readonly anchor: string;
  /** Replaces the "附則" formatAddress writes, so one call serves 本則, 附則 and 前文. */
  readonly locator: string;
  readonly path: readonly ContainerStep[];
  readonly supplProvision?: SupplProvisionRef;
  readonly style: NumberingStyle;
}

interface Parent {
  readonly anchor: string;
  readonly locator: string;
  /** Numbers so far, or null once one is not a plain number (e.g. a deleted range "1:25"). */
  readonly address: ProvisionPath | null;
}

const ROOT: Parent = { anchor: "", locator: "", address: { supplementary: true } };

/** Every article, 本則 then each 附則, with where it sits and how to point at it. */
export function* listArticles(doc: LawDocument): Generator<ArticleEntry> {
  for (const entry of listProvisions(doc)) {
    if (entry.kind !== "article") continue;
    const { anchor, locator, path, supplProvision } = entry;
    yield { article: entry.node as Article, anchor, locator, path, ...(supplProvision ? { supplProvision } : {}) };
  }
}

/** Articles, paragraphs, items and subitems in document order, 前文 and 附則 included. */
export function* listProvisions(doc: LawDocument): Generator<ProvisionEntry> {
  const style = styleOf(doc);
  for (const paragraph of doc.preamble ?? []) {
    yield* paragraphEntries(paragraph, { anchor: "preamble", locator: "前文", path: [], style }, ROOT);
  }
  yield* nodeEntries(doc.main, { anchor: "", locator: "", path: [], style });
  for (const [i, suppl] of doc.supplProvisions.entries()) {
    const supplProvision = { index: i + 1, ...(suppl.amendLawNum ? { amendLawNum: suppl.amendLawNum } : {}) };
    const locator = suppl.amendLawNum ? `附則（${suppl.amendLawNum}）` : "附則";
    yield* nodeEntries(suppl.children, { anchor: `s${i + 1}`, locator, path: [], supplProvision, style });
  }
}

/** Articles in the 本則, the count people mean by "this law has 48 articles". */
export function articleCount(doc: LawDocument): number {
  const count = (nodes: readonly ProvisionNode[]): number =>
    nodes.reduce(
      (sum, node) => sum + (node.type === "article" ? 1 : node.type === "container" ? count(node.children) : 0),
      0,
    );
  return count(doc.main);
}

function* nodeEntries(nodes: readonly ProvisionNode[], scope: Scope): Generator<ProvisionEntry> {
  for (const node of nodes) {
    if (node.type === "container") {
      const step = { kind: node.kind, num: node.num, title: plainText(node.title) };
      yield* nodeEntries(node.children, { ...scope, path: [...scope.path, step] });
    } else if (node.type === "article") yield* articleEntries(node, scope);
    else yield* paragraphEntries(node, scope, ROOT);
  }
}

function* articleEntries(article: Article, scope: Scope): Generator<ProvisionEntry> {
  const number = parseNumAttribute(article.num);
  const self = entry(scope, "article", article, ROOT, {
    anchor: `a${article.num}`,
    address: number ? { supplementary: true, article: number } : null,
    label: plainText(article.title),
  });
  yield self.entry;
  for (const paragraph of article.paragraphs) yield* paragraphEntries(paragraph, scope, self.parent);
}

function* paragraphEntries(paragraph: Paragraph, scope: Scope, parent: Parent): Generator<ProvisionEntry> {
  const number = parseNumAttribute(paragraph.num);
  const self = entry(scope, "paragraph", paragraph, parent, {
    anchor: `p${paragraph.num}`,
    address: number?.length === 1 && parent.address ? { ...parent.address, paragraph: number[0] } : null,
    label:
      number?.length === 1
        ? address({ supplementary: true, paragraph: number[0] }, scope.style)
        : `第${paragraph.num}項`,
  });
  yield self.entry;
  for (const item of paragraph.items) yield* itemEntries(item, scope, self.parent);
}

function* itemEntries(node: Item | Subitem, scope: Scope, parent: Parent): Generator<ProvisionEntry> {
  const label = plainText(node.title ?? node.num);
  const number = parseNumAttribute(node.num);
  const self =
    node.type === "item"
      ? entry(scope, "item", node, parent, {
          anchor: `i${node.num}`,
          address: number && parent.address ? { ...parent.address, item: number } : null,
          label,
        })
      : // A subitem's Num counts elements, not labels (イからハまで is one), so its title is used.
        entry(scope, "subitem", node, parent, { anchor: `si${node.num}`, address: null, label });
  yield self.entry;
  for (const subitem of node.subitems) yield* itemEntries(subitem, scope, self.parent);
}

function entry(
  scope: Scope,
  kind: ProvisionKind,
  node: ProvisionEntry["node"],
  parent: Parent,
  own: { anchor: string; address: ProvisionPath | null; label: string },
): { entry: ProvisionEntry; parent: Parent } {
  const anchor = [parent.anchor || scope.anchor, own.anchor].filter(Boolean).join("-");
  const locator = own.address
    ? scope.locator + address(own.address, scope.style)
    : (parent.locator || scope.locator) + own.label;
  const result: ProvisionEntry = {
    kind,
    node,
    anchor,
    locator,
    ...(parent.anchor ? { parentAnchor: parent.anchor } : {}),
    path: scope.path,
    ...(scope.supplProvision ? { supplProvision: scope.supplProvision } : {}),
  };
  return { entry: result, parent: { anchor, locator, address: own.address } };
}

/**
 * formatAddress without its "附則": every path here is marked supplementary so that one
 * with no article (a 項建て law, a 附則 of paragraphs) is accepted; the scope adds the prefix.
 */
function address(path: ProvisionPath, style: NumberingStyle): string {
  return formatAddress(path, style).replace(/^附則/, "");
}

/** The numeral style the law itself uses: its first article title, else its writing mode. */
function styleOf(doc: LawDocument): NumberingStyle {
  const nodes = [...doc.main, ...doc.supplProvisions.flatMap((suppl) => suppl.children)];
  const article = findArticle(nodes);
  const fromTitle = article ? parseUnitLabel(plainText(article.title))?.style : undefined;
  if (fromTitle) return fromTitle;
  const first = findSentence(
    article ? article.paragraphs : nodes.filter((n): n is Paragraph => n.type === "paragraph"),
  );
  return first === "horizontal" ? "horizontal" : "vertical"; // e-Gov's default is vertical
}

function findArticle(nodes: readonly ProvisionNode[]): Article | undefined {
  for (const node of nodes) {
    if (node.type === "article") return node;
    if (node.type === "container") {
      const found = findArticle(node.children);
      if (found) return found;
    }
  }
  return undefined;
}

function findSentence(paragraphs: readonly Paragraph[]): string | undefined {
  const blocks: SentenceBlock[] = paragraphs.flatMap((paragraph) => [...paragraph.sentences]);
  for (const block of blocks) {
    if (block.type === "sentence") return block.writingMode;
    if (block.type === "column") return block.sentences[0]?.writingMode;
  }
  return undefined;
}
