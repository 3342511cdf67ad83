import type { Node } from "prosemirror-model";
import { Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";

// Gutter markers: a small button beside every clause that has comments, with the number of
// open threads, which opens them in the side panel. Counts come from the page (the
// comments live in Postgres, not in the document) and are set with a transaction meta.

export interface ClauseCommentCount {
  open: number;
  total: number;
}

export interface CommentMarkerState {
  counts: ReadonlyMap<string, ClauseCommentCount>;
  decorations: DecorationSet;
}

export const commentMarkersKey = new PluginKey<CommentMarkerState>("comment-markers");

function marker(clauseId: string, count: ClauseCommentCount, onOpen: (clauseId: string) => void): HTMLElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = `comment-marker${count.open ? " comment-marker-open" : ""}`;
  button.contentEditable = "false";
  button.textContent = String(count.open || count.total);
  const label = count.open ? `この条項の意見 ${count.total}件（未解決 ${count.open}件）を表示` : `この条項の意見 ${count.total}件（すべて解決済み）を表示`;
  button.setAttribute("aria-label", label);
  button.title = label;
  button.addEventListener("mousedown", (event) => event.preventDefault());
  button.addEventListener("click", (event) => {
    event.preventDefault();
    onOpen(clauseId);
  });
  return button;
}

function build(doc: Node, counts: ReadonlyMap<string, ClauseCommentCount>, onOpen: (clauseId: string) => void): DecorationSet {
  if (!counts.size) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    const id = node.attrs.id as string | undefined;
    const count = id ? counts.get(id) : undefined;
    if (id && count) {
      decorations.push(
        Decoration.widget(pos + 1, () => marker(id, count, onOpen), {
          side: -1,
          key: `comment:${id}:${count.open}:${count.total}`,
          ignoreSelection: true,
          stopEvent: () => true,
        }),
      );
    }
    return true;
  });
  return DecorationSet.create(doc, decorations);
}

/** Set new counts with tr.setMeta(commentMarkersKey, counts). */
export function commentMarkersPlugin(onOpen: (clauseId: string) => void): Plugin {
  return new Plugin<CommentMarkerState>({
    key: commentMarkersKey,
    state: {
      init: () => ({ counts: new Map(), decorations: DecorationSet.empty }),
      apply(tr, value, _old, state) {
        const counts = tr.getMeta(commentMarkersKey) as ReadonlyMap<string, ClauseCommentCount> | undefined;
        if (counts) return { counts, decorations: build(state.doc, counts, onOpen) };
        if (!tr.docChanged) return value;
        return { counts: value.counts, decorations: build(state.doc, value.counts, onOpen) };
      },
    },
    props: {
      decorations: (state) => commentMarkersKey.getState(state)?.decorations,
    },
  });
}
