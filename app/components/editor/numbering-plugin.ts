import type { Node } from "prosemirror-model";
import { Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";
import type { NumberingStyle } from "../../../ordinance/numbering";
import { numberDocument, type NumberedProvision } from "../../../ordinance/model";

// Numbers are derived, never stored: after every change the labels (第1条, 2, (1), ア, 第1章)
// are recomputed and drawn as widgets the caret cannot enter, so inserting an article in
// the middle renumbers everything after it at once.

export interface NumberingState {
  style: NumberingStyle;
  decorations: DecorationSet;
  /** Every numbered node's label and address by id (for the comments panel). */
  numbers: Map<string, NumberedProvision>;
}

export const numberingKey = new PluginKey<NumberingState>("ordinance-numbering");

function label(text: string, kind: string): HTMLElement {
  const span = document.createElement("span");
  span.className = `num-label num-${kind}`;
  span.textContent = text;
  span.setAttribute("aria-hidden", "false");
  return span;
}

function build(doc: Node, style: NumberingStyle): NumberingState {
  const numbers = numberDocument(doc, style);
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    const info = node.attrs.id ? numbers.get(node.attrs.id as string) : undefined;
    if (!info || !info.label) return true;
    let at = pos + 1;
    // A chapter's or section's number goes inside its heading line: 第1章　総則.
    if (node.firstChild?.type.name === "heading") at = pos + 2;
    if (node.type.name === "article") {
      // The article's number stands at the head of its first paragraph, after the caption.
      let offset = 0;
      for (let i = 0; i < node.childCount; i++) {
        const child = node.child(i);
        if (child.type.name === "paragraph") {
          at = pos + 1 + offset + 1;
          break;
        }
        offset += child.nodeSize;
      }
    }
    decorations.push(
      Decoration.widget(at, () => label(info.label, info.kind), { side: -1, key: `${info.kind}:${info.label}`, ignoreSelection: true }),
    );
    return true;
  });
  return { style, numbers, decorations: DecorationSet.create(doc, decorations) };
}

/** Set the style with tr.setMeta(numberingKey, style); labels follow. */
export function numberingPlugin(initialStyle: NumberingStyle): Plugin {
  return new Plugin({
    key: numberingKey,
    state: {
      init: (_, state) => build(state.doc, initialStyle),
      apply(tr, value, _old, state) {
        const style = (tr.getMeta(numberingKey) as NumberingStyle | undefined) ?? value.style;
        if (!tr.docChanged && style === value.style) return value;
        return build(state.doc, style);
      },
    },
    props: {
      decorations: (state) => numberingKey.getState(state)?.decorations,
    },
  });
}
