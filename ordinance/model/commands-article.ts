import type { Node } from "prosemirror-model";
import type { Command, EditorState } from "prosemirror-state";
import { ordinanceSchema as schema } from "./schema";
import {
  ancestor,
  CONTAINER_TYPES,
  currentArticle,
  followNode,
  newArticle,
  withCursor,
  withCursorNear,
  type Located,
} from "./commands-shared";

// Commands on whole articles (条): insert, move, delete, and the caption (見出し).

const BEFORE_MAIN = ["title", "toc", "preamble"];

/** The position before the first article of the container at `pos`, going down through its first chapter or section. */
function firstArticleSlot(doc: Node, pos: number): number | null {
  let node = doc.nodeAt(pos);
  let inside = pos + 1;
  while (node) {
    let child: Node | null = null;
    let offset = 0;
    node.forEach((candidate, candidateOffset) => {
      if (child === null && candidate.type.name !== "heading") {
        child = candidate;
        offset = candidateOffset;
      }
    });
    if (child === null) return null;
    const name = (child as Node).type.name;
    if (name === "article") return inside + offset;
    if (!CONTAINER_TYPES.includes(name)) return null;
    node = child;
    inside = inside + offset + 1;
  }
  return null;
}

/**
 * Where a new article goes when the selection is in no article: from the title, 目次 or
 * preamble, the start of the main provision; from a chapter or section heading, the start
 * of that container. Null elsewhere (a 附則 of paragraphs, a selected table).
 */
function articleSlotOutsideArticles(state: EditorState): number | null {
  const { $from } = state.selection;
  const doc = state.doc;
  const top = $from.index(0) < doc.childCount ? doc.child($from.index(0)) : null;
  if (top && BEFORE_MAIN.includes(top.type.name)) {
    let mainPos: number | null = null;
    doc.forEach((child, offset) => {
      if (child.type.name === "mainProvision") mainPos = offset;
    });
    return mainPos === null ? null : firstArticleSlot(doc, mainPos);
  }
  if ($from.parent.type.name !== "heading") return null;
  const container = ancestor($from, CONTAINER_TYPES);
  return container ? firstArticleSlot(doc, container.pos) : null;
}

function insertArticle(side: "before" | "after"): Command {
  return (state, dispatch) => {
    const article = currentArticle(state);
    const pos = article
      ? side === "after"
        ? article.pos + article.node.nodeSize
        : article.pos
      : articleSlotOutsideArticles(state);
    if (pos === null) return false;
    if (dispatch) {
      const tr = state.tr.insert(pos, newArticle());
      // Inside the new article, its paragraph and its sentence.
      dispatch(withCursor(tr, pos + 3));
    }
    return true;
  };
}

/** Ctrl+Enter: a new empty article after the current one (from the title or preamble: the first article). */
export const insertArticleAfter: Command = insertArticle("after");

/** Ctrl+Shift+Enter: a new empty article before the current one. */
export const insertArticleBefore: Command = insertArticle("before");

interface ArticleInParent extends Located {
  readonly parent: Node;
  readonly index: number;
}

function articleInParent(state: EditorState): ArticleInParent | null {
  const article = currentArticle(state);
  if (!article) return null;
  const $article = state.doc.resolve(article.pos);
  return { ...article, parent: $article.parent, index: $article.index() };
}

function moveArticle(direction: -1 | 1): Command {
  return (state, dispatch) => {
    const found = articleInParent(state);
    if (!found) return false;
    const neighbourIndex = found.index + direction;
    if (neighbourIndex < 0 || neighbourIndex >= found.parent.childCount) return false;
    const neighbour = found.parent.child(neighbourIndex);
    // Only articles trade places: a heading or a trailing table stays where it is.
    if (neighbour.type.name !== "article") return false;
    if (dispatch) {
      const end = found.pos + found.node.nodeSize;
      const tr = state.tr.delete(found.pos, end);
      const newPos = direction < 0 ? found.pos - neighbour.nodeSize : found.pos + neighbour.nodeSize;
      tr.insert(newPos, found.node);
      dispatch(followNode(state, tr, found, newPos));
    }
    return true;
  };
}

/** Alt+↑: swap the current article with the one before it in the same chapter, main provision or 附則. */
export const moveArticleUp: Command = moveArticle(-1);

/** Alt+↓: swap the current article with the one after it. */
export const moveArticleDown: Command = moveArticle(1);

/** Removes the current article, unless it is the only one of its parent (a chapter needs one). */
export const deleteArticle: Command = (state, dispatch) => {
  const found = articleInParent(state);
  if (!found) return false;
  let articles = 0;
  found.parent.forEach((child) => {
    if (child.type.name === "article") articles++;
  });
  if (articles < 2) return false;
  if (dispatch) {
    const tr = state.tr.delete(found.pos, found.pos + found.node.nodeSize);
    const next = found.parent.maybeChild(found.index + 1);
    if (next?.type.name === "article") {
      dispatch(withCursorNear(tr, found.pos + 1));
    } else {
      const previous = found.parent.child(found.index - 1);
      dispatch(withCursorNear(tr, found.pos - previous.nodeSize + 1));
    }
  }
  return true;
};

/** Puts the cursor at the end of the current article's caption, adding an empty caption if it has none. */
export const setCaption: Command = (state, dispatch) => {
  const article = currentArticle(state);
  if (!article) return false;
  if (dispatch) {
    const caption = article.node.firstChild;
    if (caption?.type.name === "caption") {
      dispatch(withCursor(state.tr, article.pos + 1 + caption.nodeSize - 1));
    } else {
      const tr = state.tr.insert(article.pos + 1, schema.nodes.caption.create());
      dispatch(withCursor(tr, article.pos + 2));
    }
  }
  return true;
};
