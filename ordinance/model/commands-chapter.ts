import type { Node } from "prosemirror-model";
import type { Command } from "prosemirror-state";
import { ordinanceSchema as schema } from "./schema";
import { around, newArticle, newContainer, withCursor } from "./commands-shared";

// 章, 節 and 款: adding one, and dividing a run of articles into the first two.

type Division = "chapter" | "section" | "subsection";

/** What each division is made inside: chapters in the main provision, sections in a chapter … */
const PARENT: Readonly<Record<Division, string>> = {
  chapter: "mainProvision",
  section: "chapter",
  subsection: "section",
};

/** The first division of a text that had none: by far the usual heading for it. */
const FIRST_HEADING = "総則";

function insertDivision(division: Division): Command {
  const type = schema.nodes[division];
  return (state, dispatch) => {
    const parent = around(state, [PARENT[division]]);
    if (!parent) return false;
    const hasHeading = parent.node.firstChild?.type.name === "heading";
    const contentStart = parent.pos + 1 + (hasHeading ? parent.node.firstChild!.nodeSize : 0);
    const first = parent.node.maybeChild(hasHeading ? 1 : 0);
    if (first?.type.name === "article") {
      // Articles directly in the parent: they become the first division, a new one follows.
      if (!dispatch) return true;
      const articles: Node[] = [];
      parent.node.forEach((child) => {
        if (child.type.name === "article") articles.push(child);
      });
      const wrapped = newContainer(type, FIRST_HEADING, articles);
      const added = newContainer(type, "", [newArticle()]);
      const tr = state.tr.replaceWith(contentStart, parent.pos + parent.node.nodeSize - 1, [wrapped, added]);
      // Into the new division's heading.
      dispatch(withCursor(tr, contentStart + wrapped.nodeSize + 2));
      return true;
    }
    if (first?.type !== type) return false;
    if (dispatch) {
      // After the current division; from the parent's own heading, before its first one.
      const current = around(state, [division]);
      const pos = current ? current.pos + current.node.nodeSize : contentStart;
      const tr = state.tr.insert(pos, newContainer(type, "", [newArticle()]));
      dispatch(withCursor(tr, pos + 2));
    }
    return true;
  };
}

/**
 * A new chapter (章) after the current one, with one empty article; in a main provision of
 * bare articles, those become 第1章 総則 and the new chapter 第2章. Only in the main provision.
 */
export const insertChapter: Command = insertDivision("chapter");

/** A new section (節) in the current chapter, the same way one level down. */
export const insertSection: Command = insertDivision("section");

/** A new subsection (款) in the current section. */
export const insertSubsection: Command = insertDivision("subsection");
