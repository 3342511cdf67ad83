import { Fragment, type Node, type NodeType } from "prosemirror-model";
import type { Command, EditorState } from "prosemirror-state";
import { newId } from "./ids";
import { ordinanceSchema as schema } from "./schema";
import { ancestor, followNode, startOfFirst, withCursor, withCursorNear, type Located } from "./commands-shared";

// Enter, Tab and Shift-Tab: new paragraphs (項) and items (号), and moving a provision one
// level down (項 → 号 → 号の細分) or up.

const ENUMERATED = ["paragraph", "item", "subitem"];

/**
 * Enter. In a sentence: a new provision of the same kind (項, 号, 号の細分) after the
 * current one, carrying the text after the cursor; when the cursor is inside a sentence
 * rather than at its end, the sentences after it go along, as a text editor would split.
 * Items and subitems stay with the original, so Enter at the end of a lead sentence adds the
 * next 項 rather than taking its 号. In a caption or heading: on to the text below. In the
 * title: nothing, titles are one line.
 */
export const splitToNewParagraph: Command = (state, dispatch) => {
  const { $from, $to } = state.selection;
  if (!state.selection.empty && $from.parent !== $to.parent) return false;
  const block = $from.parent;
  const name = block.type.name;
  if (name === "title") return true;
  if (name === "caption") return leaveCaption(state, dispatch);
  if (name === "heading") {
    if (dispatch) dispatch(withCursorNear(state.tr, $from.after()));
    return true;
  }
  if (name !== "sentence") return false;
  const ownerDepth = $from.depth - 1;
  if (!ENUMERATED.includes($from.node(ownerDepth).type.name)) return false;
  if (dispatch) {
    const tr = state.tr.deleteSelection();
    const $cut = tr.doc.resolve(tr.mapping.map($from.pos));
    const sentence = $cut.parent;
    const owner = $cut.node(ownerDepth);
    const ownerEnd = $cut.after(ownerDepth);
    const sentenceIndex = $cut.index(ownerDepth);
    const carried: Node[] = [];
    const atEnd = $cut.parentOffset === sentence.content.size;
    const splitSteps = tr.steps.length;
    if (atEnd) {
      carried.push(schema.nodes.sentence.create());
    } else {
      // The carried part opens the new provision, so it cannot be a ただし書.
      carried.push(
        sentence.type.create({ ...sentence.attrs, function: "main" }, sentence.content.cut($cut.parentOffset))
      );
      let next = sentenceIndex + 1;
      for (; next < owner.childCount && owner.child(next).type.name === "sentence"; next++)
        carried.push(owner.child(next));
      tr.delete($cut.after(), $cut.posAtIndex(next, ownerDepth));
      tr.delete($cut.pos, $cut.end());
    }
    const createdPos = tr.mapping.slice(splitSteps).map(ownerEnd);
    tr.insert(createdPos, owner.type.create({ id: newId() }, carried));
    dispatch(withCursor(tr, createdPos + 2));
  }
  return true;
};

/** From a caption, Enter moves to the first sentence below it, of the article or paragraph. */
const leaveCaption: Command = (state, dispatch) => {
  const { $from } = state.selection;
  const ownerPos = $from.before($from.depth - 1);
  const target = startOfFirst(state.doc, ownerPos, "sentence");
  if (target === null) return false;
  if (dispatch) dispatch(withCursor(state.tr, target));
  return true;
};

/** Drops the import overrides `num` and `label`: they described the provision's old place. */
function moved(node: Node, type: NodeType, content: Fragment = node.content): Node {
  return type.create({ ...node.attrs, num: null, label: null }, content);
}

/** The provision as one level down: a 項 as a 号 (its 号 as 号の細分), a 号 or 号の細分 as 号の細分. Null if that cannot be written. */
function demoted(node: Node): Node | null {
  if (node.type.name !== "paragraph") return moved(node, schema.nodes.subitem);
  const children: Node[] = [];
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child.type.name === "caption") {
      // A 号 has no caption: an empty one may go, a written one must not be lost.
      if (child.content.size > 0) return null;
    } else {
      children.push(child.type.name === "item" ? moved(child, schema.nodes.subitem) : child);
    }
  }
  const content = Fragment.from(children);
  // A table between the sentences and the items has no place in a 号.
  return schema.nodes.item.validContent(content) ? moved(node, schema.nodes.item, content) : null;
}

/**
 * The index in `previous` where a demoted provision goes: after its last child of the same
 * kind, else as late as the content allows (after a table that ends a lead sentence).
 */
function appendIndex(previous: Node, child: Node): number | null {
  const fits = (index: number) => previous.canReplace(index, index, Fragment.from(child));
  let lastOfKind = -1;
  previous.forEach((candidate, _offset, index) => {
    if (candidate.type === child.type) lastOfKind = index;
  });
  if (lastOfKind >= 0) return fits(lastOfKind + 1) ? lastOfKind + 1 : null;
  for (let index = previous.childCount; index > 0; index--) if (fits(index)) return index;
  return null;
}

function currentEnumerated(state: EditorState): Located | null {
  return ancestor(state.selection.$from, ENUMERATED);
}

/**
 * Tab: one level down. A 項 (not the first of its article) becomes the last 号 of the 項
 * before it, its own 号 becoming 号の細分; a 号 or 号の細分 becomes the last 号の細分 of the
 * one before it. False when there is no previous sibling of the same kind, or when the
 * result cannot be written (a 項 with a caption, or a table before its 号).
 */
export const makeItem: Command = (state, dispatch) => {
  const found = currentEnumerated(state);
  if (!found) return false;
  const $node = state.doc.resolve(found.pos);
  const index = $node.index();
  const previous = index > 0 ? $node.parent.child(index - 1) : null;
  if (!previous || previous.type !== found.node.type) return false;
  const node = demoted(found.node);
  if (!node) return false;
  const at = appendIndex(previous, node);
  if (at === null) return false;
  if (dispatch) {
    const previousPos = found.pos - previous.nodeSize;
    const newPos = state.doc.resolve(previousPos + 1).posAtIndex(at);
    const tr = state.tr.delete(found.pos, found.pos + found.node.nodeSize).insert(newPos, node);
    const shrink = found.node.content.size - node.content.size;
    dispatch(followNode(state, tr, found, newPos, shrink));
  }
  return true;
};

/** The provision as one level up: a 号 as a 項 (its 号の細分 as 号), a 号の細分 as a 号 or a 号の細分 of the level above. */
function promoted(node: Node, parentType: string): Node {
  if (node.type.name === "subitem")
    return moved(node, parentType === "item" ? schema.nodes.item : schema.nodes.subitem);
  const children: Node[] = [];
  node.forEach((child) => children.push(child.type.name === "subitem" ? moved(child, schema.nodes.item) : child));
  return moved(node, schema.nodes.paragraph, Fragment.from(children));
}

/**
 * Shift-Tab: one level up. A 号の細分 comes out after its parent, a 号 becomes a 項 after its
 * 項. The siblings that followed it stay where they were. False for a 項.
 */
export const promote: Command = (state, dispatch) => {
  const found = currentEnumerated(state);
  if (!found || found.node.type.name === "paragraph") return false;
  const $node = state.doc.resolve(found.pos);
  const parentEnd = $node.after();
  const node = promoted(found.node, $node.parent.type.name);
  const $parent = state.doc.resolve($node.before());
  if (!$parent.parent.canReplace($parent.index() + 1, $parent.index() + 1, Fragment.from(node))) return false;
  if (dispatch) {
    const tr = state.tr.delete(found.pos, found.pos + found.node.nodeSize);
    const newPos = tr.mapping.map(parentEnd);
    tr.insert(newPos, node);
    dispatch(followNode(state, tr, found, newPos));
  }
  return true;
};
