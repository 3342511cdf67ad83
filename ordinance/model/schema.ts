import {
  Schema,
  type AttributeSpec,
  type DOMOutputSpec,
  type MarkSpec,
  type NodeSpec,
  type TagParseRule,
} from "prosemirror-model";

/**
 * The ProseMirror schema of an ordinance (条例). Content expressions encode the drafting
 * rules so that an invalid structure cannot be built: an article holds at least one
 * paragraph, items live only in paragraphs, subitems only in items and subitems.
 *
 * Numbers are never stored (DESIGN.md): 第3条 or (2) are derived from position. Two
 * optional attributes exist only for imported texts whose numbers cannot be derived:
 * `num`, the e-Gov Num ("36_2" for 第三十六条の二, "1:25" for 一から二十五まで), and
 * `label`, the label as written when it differs from the derived one (イからハまで).
 */

const nullableString: AttributeSpec = { default: null, validate: "string|null" };

/** An attribute validator; ProseMirror runs it in createChecked and check(), and it must throw. */
function oneOf(...values: readonly unknown[]): (value: unknown) => void {
  return (value) => {
    if (!values.includes(value)) throw new RangeError(`属性の値が不正です: ${JSON.stringify(value)}`);
  };
}

function columnNumber(value: unknown): void {
  if (value !== null && !(Number.isSafeInteger(value) && (value as number) >= 1)) {
    throw new RangeError(`段（Column）の番号が不正です: ${JSON.stringify(value)}`);
  }
}

/** Every numbered provision: a stable id that comments anchor to, and the import overrides. */
const numbered = { id: nullableString, num: nullableString, label: nullableString };

function data(attrs: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined && value !== false) out[`data-${name}`] = String(value);
  }
  return out;
}

function block(tag: string, className: string, attrs: Record<string, unknown> = {}): DOMOutputSpec {
  return [tag, { class: className, ...data(attrs) }, 0];
}

/** Reads the data-* attributes written by `data` back, for copy and paste inside the editor. */
function parseRule(tag: string, names: readonly string[]): TagParseRule {
  return {
    tag,
    getAttrs: (dom) => {
      const attrs: Record<string, string | null> = {};
      for (const name of names) attrs[name] = dom.getAttribute(`data-${name}`);
      return attrs;
    },
  };
}

const NUMBERED_NAMES = ["id", "num", "label"] as const;

function container(name: string, content: string): NodeSpec {
  return {
    content,
    attrs: numbered,
    defining: true,
    toDOM: (node) => block("section", `ordinance-${name}`, node.attrs),
    parseDOM: [parseRule(`section.ordinance-${name}`, NUMBERED_NAMES)],
  };
}

const nodes: Record<string, NodeSpec> = {
  // The draft as a whole; `style` is the numbering style it is written in (横書き by default),
  // `writingMode` is set only when an imported text's WritingMode differs from that style.
  // y-prosemirror rebuilds the top node with default attrs, so in the collaborative editor
  // the draft's style must come from the draft record and be passed to numbering and export.
  doc: {
    content: "title toc? preamble? mainProvision supplProvision* raw*",
    attrs: {
      style: { default: "horizontal", validate: oneOf("horizontal", "vertical") },
      writingMode: nullableString,
    },
  },
  title: {
    content: "text*",
    marks: "",
    defining: true,
    toDOM: () => block("h1", "ordinance-title"),
    parseDOM: [{ tag: "h1.ordinance-title" }],
  },
  // 目次 is computed from the chapters; this marker only says where it is printed.
  toc: {
    atom: true,
    selectable: true,
    toDOM: () => ["nav", { class: "ordinance-toc" }],
    parseDOM: [{ tag: "nav.ordinance-toc" }],
  },
  preamble: {
    content: "paragraph+",
    toDOM: () => block("section", "ordinance-preamble"),
    parseDOM: [{ tag: "section.ordinance-preamble" }],
  },
  mainProvision: {
    content: "chapter+ | article+",
    toDOM: () => block("div", "ordinance-main"),
    parseDOM: [{ tag: "div.ordinance-main" }],
  },
  chapter: container("chapter", "heading (section+ | article+)"),
  section: container("section", "heading (subsection+ | article+)"),
  subsection: container("subsection", "heading article+"),
  // The words after 第1章　: the label itself is derived.
  heading: {
    content: "text*",
    marks: "",
    defining: true,
    toDOM: () => block("h2", "ordinance-heading"),
    parseDOM: [{ tag: "h2.ordinance-heading" }],
  },
  article: container("article", "caption? paragraph+"),
  // 見出し, stored without its parentheses: （目的） is written as 目的.
  caption: {
    content: "text*",
    marks: "",
    defining: true,
    toDOM: () => block("h3", "ordinance-caption"),
    parseDOM: [{ tag: "h3.ordinance-caption" }],
  },
  // Tables and other raw e-Gov content may stand on either side of the items, as in e-Gov.
  paragraph: container("paragraph", "caption? sentence+ raw* item* raw*"),
  sentence: {
    content: "(text | rawInline)*",
    marks: "ruby sup sub line",
    attrs: {
      // 本文 or ただし書.
      function: { default: "main", validate: oneOf("main", "proviso") },
      // e-Gov Column number (用語　定義 in a definition item); null outside columns.
      column: { default: null, validate: columnNumber },
    },
    toDOM: (node) => block("span", "ordinance-sentence", node.attrs),
    parseDOM: [
      {
        tag: "span.ordinance-sentence",
        getAttrs: (dom) => ({
          function: dom.getAttribute("data-function") === "proviso" ? "proviso" : "main",
          column: dom.hasAttribute("data-column") ? Number(dom.getAttribute("data-column")) || null : null,
        }),
      },
    ],
  },
  item: container("item", "sentence+ subitem* raw*"),
  subitem: container("subitem", "sentence+ subitem* raw*"),
  supplProvision: {
    content: "(chapter+ | article+ | paragraph+) raw*",
    attrs: {
      id: nullableString,
      label: { default: "附　則", validate: "string" },
      // The amending law's number and 抄, for the 附則 of amendments in imported laws.
      amendLawNum: nullableString,
      extract: { default: false, validate: "boolean" },
    },
    defining: true,
    toDOM: (node) => block("section", "ordinance-supplProvision", node.attrs),
    parseDOM: [
      {
        tag: "section.ordinance-supplProvision",
        getAttrs: (dom) => ({
          id: dom.getAttribute("data-id"),
          label: dom.getAttribute("data-label") ?? "附　則",
          amendLawNum: dom.getAttribute("data-amendLawNum"),
          extract: dom.getAttribute("data-extract") === "true",
        }),
      },
    ],
  },
  // e-Gov content Kizuna does not model (TableStruct, 別表 …), kept verbatim so it round-trips.
  raw: {
    atom: true,
    selectable: true,
    attrs: { tag: { validate: "string" }, xml: { validate: "string" }, text: { default: "", validate: "string" } },
    leafText: (node) => node.attrs.text as string,
    toDOM: (node) => ["div", { class: "ordinance-raw", "data-tag": node.attrs.tag }, node.attrs.text],
  },
  // The same inside running text (QuoteStruct, ArithFormula …).
  rawInline: {
    inline: true,
    group: "inline",
    atom: true,
    attrs: { tag: { validate: "string" }, xml: { validate: "string" }, text: { default: "", validate: "string" } },
    leafText: (node) => node.attrs.text as string,
    toDOM: (node) => ["span", { class: "ordinance-raw", "data-tag": node.attrs.tag }, node.attrs.text],
  },
  text: { group: "inline" },
};

const marks: Record<string, MarkSpec> = {
  // Ruby (ルビ): the base text carries the reading.
  ruby: {
    attrs: { rt: { validate: "string" } },
    inclusive: false,
    toDOM: (mark) => ["ruby", ["span", 0], ["rt", { contenteditable: "false" }, mark.attrs.rt as string]],
    parseDOM: [{ tag: "ruby", getAttrs: (dom) => ({ rt: dom.querySelector("rt")?.textContent ?? "" }) }],
  },
  sup: { excludes: "sub", toDOM: () => ["sup", 0], parseDOM: [{ tag: "sup" }] },
  sub: { excludes: "sup", toDOM: () => ["sub", 0], parseDOM: [{ tag: "sub" }] },
  // e-Gov Line: a line drawn along the text; `style` is its Style attribute.
  line: {
    attrs: { style: nullableString },
    toDOM: (mark) => ["span", { class: "ordinance-line", ...data({ style: mark.attrs.style }) }, 0],
    parseDOM: [{ tag: "span.ordinance-line", getAttrs: (dom) => ({ style: dom.getAttribute("data-style") }) }],
  },
};

export const ordinanceSchema = new Schema({ nodes, marks, topNode: "doc" });

/** Node types that are numbered provisions and carry an `id`. */
export const NUMBERED_TYPES: ReadonlySet<string> = new Set([
  "chapter",
  "section",
  "subsection",
  "article",
  "paragraph",
  "item",
  "subitem",
]);

/** Node types whose `id` attribute must be unique: the numbered ones and 附則. */
export const ID_TYPES: ReadonlySet<string> = new Set([...NUMBERED_TYPES, "supplProvision"]);
