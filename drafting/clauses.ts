import type { Node } from "prosemirror-model";
import { forEachNumbered } from "../ordinance/model";
import type { NumberingStyle } from "../ordinance/numbering";

// The clauses of a draft: an article (条), a paragraph (項), an item (号) or a subitem, by its
// node id, which moves with the node through renumbering and moves. Comments point at them,
// evidence is attached to them, and search indexes them.

export const CLAUSE_KINDS = ["article", "paragraph", "item", "subitem"] as const;
export type ClauseKind = (typeof CLAUSE_KINDS)[number];

export interface Clause {
  id: string;
  kind: ClauseKind;
  /** As numbered now: 第5条, 第5条第2項, 第5条第2項第1号, 附則第2項. */
  address: string;
  /** The clause's own wording: its caption and sentences, not those of its items. */
  text: string;
  /** An article's caption as it reads (（目的）); null for other clauses and articles without one. */
  caption: string | null;
  /** The article it belongs to (itself for an article); null in a 附則 without articles. */
  articleId: string | null;
}

/** The longest quote kept with a comment. */
export const QUOTE_LIMIT = 2000;

function captionOf(node: Node): string | null {
  const first = node.firstChild;
  return node.type.name === "article" && first?.type.name === "caption" ? `（${first.textContent}）` : null;
}

/** The clause's own wording: sentences directly inside it, joined as they read. */
export function ownText(node: Node): string {
  const parts: string[] = [];
  let column: number | null = null;
  node.forEach((child) => {
    if (child.type.name === "sentence") {
      // A definition's term and its meaning are two columns: 用語　定義, as e-Gov prints them,
      // not one run of text (8050問題高齢の親が…) that a search would read across.
      const next = child.attrs.column as number | null;
      parts.push(next !== null && column !== null && next !== column ? `　${child.textContent}` : child.textContent);
      column = next;
    } else if (child.type.name === "caption") parts.push(`（${child.textContent}）`);
    else if (node.type.name === "article" && child.type.name === "paragraph") parts.push(ownText(child));
  });
  return parts.join(node.type.name === "article" ? "\n" : "").slice(0, QUOTE_LIMIT);
}

/** Every clause of a draft by id, in document order. */
export function clausesOf(doc: Node, style: NumberingStyle): Map<string, Clause> {
  const clauses = new Map<string, Clause>();
  let articleId: string | null = null;
  forEachNumbered(doc, style, (node, info) => {
    const id = node.attrs.id as string | null;
    const kind = node.type.name as ClauseKind;
    if (kind === "article") articleId = id;
    if (node.type.name === "supplProvision") articleId = null;
    if (!id || !(CLAUSE_KINDS as readonly string[]).includes(kind)) return;
    clauses.set(id, { id, kind, address: info.address, text: ownText(node), caption: captionOf(node), articleId: kind === "article" ? id : articleId });
  });
  return clauses;
}
