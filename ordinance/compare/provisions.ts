import type { Node } from "prosemirror-model";
import type { NumberingStyle } from "../numbering";
import { forEachNumbered, type NumberedKind } from "../model/numbering";
import { captionText, headingText } from "../model/outline";
import { sentencesText } from "../formats/layout";

// A document as the list of provisions a comparison pairs up: the title, each chapter,
// article, paragraph, item and subitem, and each 附則, with the address it has in that
// text and its own wording (not that of its children).

export type ProvisionKind = "title" | NumberedKind;

export interface Provision {
  /** The node id (stable through edits), or a key made from the address when the node has none. */
  readonly key: string;
  /** The node id; null for the title and for nodes without one. */
  readonly id: string | null;
  readonly kind: ProvisionKind;
  /** As numbered in this text: "第3条第2項第1号", "第2章", "附則", "題名". */
  readonly address: string;
  /**
   * As it is cited in an amendment: the address, without 第1項 when the article has only one
   * paragraph (第2条第3号, not 第2条第1項第3号; its one paragraph is cited as 第2条).
   */
  readonly citation: string;
  /** At the head of the provision: "第3条", "2", "" (a first paragraph), "(1)", "ア", "第1章", "附　則". */
  readonly label: string;
  /** The e-Gov Num ("2_2"); null for the title and 附則. */
  readonly num: string | null;
  /** An article's or paragraph's caption without parentheses, a chapter's heading; "" when none. */
  readonly caption: string;
  /** The provision's own sentences; "" for chapters and 附則, the title's text for the title. */
  readonly text: string;
  /** The enclosing provision's key (an item's paragraph, a paragraph's article); null at the top. */
  readonly parentKey: string | null;
  /** Whether it stands in a 附則 (or is one). */
  readonly supplementary: boolean;
  /** Position in document order. */
  readonly index: number;
  readonly node: Node;
}

/** Every provision of a document in document order. */
export function provisionsOf(doc: Node, style: NumberingStyle): Provision[] {
  const list: Provision[] = [];
  const keyOf = new Map<Node, string>();
  const parentOf = parentMap(doc);
  const title = doc.firstChild?.type.name === "title" ? doc.firstChild : null;
  if (title) {
    list.push({
      key: "title", id: null, kind: "title", address: "題名", citation: "題名", label: "", num: null, caption: "",
      text: title.textContent, parentKey: null, supplementary: false, index: 0, node: title,
    });
  }
  // The address prefix of the only paragraph of a one-paragraph article, and the article's.
  let soleParagraph: { address: string; article: string } | null = null;
  forEachNumbered(doc, style, (node, info, context) => {
    if (info.kind === "article") soleParagraph = null;
    const article = parentOf.get(node);
    if (info.kind === "paragraph") {
      soleParagraph = article?.type.name === "article" && paragraphCount(article) === 1 ? { address: info.address, article: list.at(-1)!.address } : null;
    }
    const citation = soleParagraph && info.address.startsWith(soleParagraph.address) ? soleParagraph.article + info.address.slice(soleParagraph.address.length) : info.address;
    const id = (node.attrs.id as string | null) || null;
    const key = id ?? `@${info.address}`;
    keyOf.set(node, key);
    const parent = nearestKeyed(node, parentOf, keyOf);
    list.push({
      key,
      id,
      kind: info.kind,
      address: info.address,
      citation,
      label: info.label,
      num: info.num ?? null,
      caption: CONTAINERS.has(info.kind) ? headingText(node) : captionText(node),
      text: info.kind === "supplProvision" || CONTAINERS.has(info.kind) ? "" : sentencesText(node),
      parentKey: parent,
      supplementary: context.supplProvision !== undefined,
      index: list.length,
      node,
    });
  });
  return list;
}

function paragraphCount(article: Node): number {
  let count = 0;
  article.forEach((child) => {
    if (child.type.name === "paragraph") count++;
  });
  return count;
}

const CONTAINERS: ReadonlySet<string> = new Set(["chapter", "section", "subsection"]);

/** Each node's parent node, for the numbered part of the tree. */
function parentMap(doc: Node): Map<Node, Node> {
  const parents = new Map<Node, Node>();
  const walk = (node: Node) =>
    node.forEach((child) => {
      if (child.isTextblock || child.isAtom) return;
      parents.set(child, node);
      walk(child);
    });
  walk(doc);
  return parents;
}

function nearestKeyed(node: Node, parents: Map<Node, Node>, keys: Map<Node, string>): string | null {
  for (let at = parents.get(node); at; at = parents.get(at)) {
    const key = keys.get(at);
    if (key) return key;
  }
  return null;
}

/** The text a provision is recognised by when ids do not tell: caption, own text and children's. */
export function fullText(provision: Provision): string {
  return `${provision.caption}\n${provision.node.textContent}`;
}
