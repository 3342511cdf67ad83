import type { Node, NodeType, ResolvedPos } from "prosemirror-model";
import { NodeSelection, Selection, TextSelection, type EditorState, type Transaction } from "prosemirror-state";
import { newId } from "./ids";
import { ordinanceSchema as schema } from "./schema";

// Helpers shared by the structural commands: finding the provision around the selection,
// making empty provisions with fresh ids, and placing the cursor inside a node.

/** A node of the document with the position just before it. */
export interface Located {
  readonly node: Node;
  readonly pos: number;
}

/** The innermost ancestor of `$pos` (itself a node depth) whose type is one of `names`. */
export function ancestorDepth($pos: ResolvedPos, names: readonly string[]): number | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    if (names.includes($pos.node(depth).type.name)) return depth;
  }
  return null;
}

export function ancestor($pos: ResolvedPos, names: readonly string[]): Located | null {
  const depth = ancestorDepth($pos, names);
  return depth === null ? null : { node: $pos.node(depth), pos: $pos.before(depth) };
}

/**
 * The provision of one of `names` that the selection is in: a selected node of that type
 * (the sidebar selects whole articles), else the innermost ancestor of the selection's start.
 */
export function around(state: EditorState, names: readonly string[]): Located | null {
  const { selection } = state;
  if (selection instanceof NodeSelection && names.includes(selection.node.type.name)) {
    return { node: selection.node, pos: selection.from };
  }
  return ancestor(selection.$from, names);
}

export const currentArticle = (state: EditorState): Located | null => around(state, ["article"]);

export const CONTAINER_TYPES: readonly string[] = ["chapter", "section", "subsection"];

const text = (value: string): Node[] => (value === "" ? [] : [schema.text(value)]);

export const emptySentence = (): Node => schema.nodes.sentence.create();

export const newParagraph = (sentences: readonly Node[] = [emptySentence()]): Node =>
  schema.nodes.paragraph.create({ id: newId() }, sentences);

/** 条: no caption, one paragraph of one empty sentence (a caption is added on request). */
export const newArticle = (): Node => schema.nodes.article.create({ id: newId() }, newParagraph());

/** A chapter, section or subsection with its heading and articles. */
export function newContainer(type: NodeType, heading: string, articles: readonly Node[]): Node {
  return type.createChecked({ id: newId() }, [schema.nodes.heading.create(null, text(heading)), ...articles]);
}

/** The position just inside the first descendant of `type` in the node at `pos`; null if none. */
export function startOfFirst(doc: Node, pos: number, type: string): number | null {
  const node = doc.nodeAt(pos);
  let found: number | null = null;
  node?.descendants((child, offset) => {
    if (found !== null) return false;
    if (child.type.name !== type) return true;
    found = pos + 1 + offset + 1;
    return false;
  });
  return found;
}

/** The transaction with a cursor at `pos`, scrolled into view. */
export function withCursor(tr: Transaction, pos: number): Transaction {
  return tr.setSelection(TextSelection.create(tr.doc, pos)).scrollIntoView();
}

/** The transaction with the cursor at the first place text can go at or after `pos`. */
export function withCursorNear(tr: Transaction, pos: number): Transaction {
  return tr.setSelection(Selection.near(tr.doc.resolve(pos), 1)).scrollIntoView();
}

/**
 * The selection as it was, moved with a node that went from `oldPos` to `newPos` (whose
 * content kept its shape, `shrink` aside: the size of a dropped leading child). Parts of the
 * selection outside the node collapse onto its start.
 */
export function followNode(
  state: EditorState,
  tr: Transaction,
  moved: Located,
  newPos: number,
  shrink = 0
): Transaction {
  const { selection } = state;
  if (selection instanceof NodeSelection && selection.from === moved.pos) {
    return tr.setSelection(NodeSelection.create(tr.doc, newPos)).scrollIntoView();
  }
  const end = moved.pos + moved.node.nodeSize;
  const shift = (pos: number) => newPos + Math.max(pos - moved.pos - shrink, 1);
  const inside = (pos: number) => pos > moved.pos && pos < end;
  const anchor = inside(selection.anchor) ? shift(selection.anchor) : null;
  const head = inside(selection.head) ? shift(selection.head) : null;
  const $anchor = tr.doc.resolve(anchor ?? head ?? newPos + 1);
  const $head = tr.doc.resolve(head ?? anchor ?? newPos + 1);
  return tr.setSelection(TextSelection.between($anchor, $head)).scrollIntoView();
}
