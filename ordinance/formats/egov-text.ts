import type { Mark, Node } from "prosemirror-model";
import { plainText, type Inline, type InlineElement, type RawNode, type Sentence, type SentenceBlock } from "../egov";
import { ordinanceSchema as schema } from "../model/schema";

// Running text both ways: e-Gov sentence blocks ⇄ sentence nodes, and inline runs ⇄ text
// with marks. A Column becomes its sentences, each remembering its column number, so a
// definition item (用語　定義) is edited as text and written back as the same Columns.

const RAW_BLOCK_TAGS: ReadonlySet<string> = new Set(["Table"]);

// The text shown for raw content: its words with the XML's layout whitespace folded, and
// in a block (a table, 別表) a full-width space after each cell, title and sentence.
const foldSpace = (text: string) => text.replace(/[ \t\r\n]+/g, " ").trim();
const CELL_END = /<\/(?:TableColumn|Sentence|[A-Za-z]*Title)>/g;

export function rawInlineNode(raw: RawNode): Node {
  return schema.nodes.rawInline.create({ tag: raw.tag, xml: raw.xml, text: foldSpace(plainText(raw)) });
}

export function rawBlockNode(raw: RawNode): Node {
  const spaced = plainText({ ...raw, xml: raw.xml.replace(CELL_END, "$&　") });
  return schema.nodes.raw.create({
    tag: raw.tag,
    xml: raw.xml,
    text: foldSpace(spaced)
      .replace(/ ?(?:　+ ?)+/g, "　")
      .replace(/　$/, ""),
  });
}

export function rawOf(node: Node): RawNode {
  return { type: "raw", tag: node.attrs.tag as string, xml: node.attrs.xml as string };
}

/** e-Gov blocks → sentence nodes; a Table in place of a sentence rides in one as a raw inline. */
export function readSentences(blocks: readonly SentenceBlock[]): Node[] {
  const nodes: Node[] = [];
  let column = 0;
  for (const block of blocks) {
    if (block.type === "sentence") nodes.push(sentenceNode(block, null));
    else if (block.type === "column") {
      column++;
      nodes.push(...block.sentences.map((sentence) => sentenceNode(sentence, column)));
    } else nodes.push(schema.nodes.sentence.create(null, rawInlineNode(block)));
  }
  return nodes.length > 0 ? nodes : [schema.nodes.sentence.create()];
}

function sentenceNode(sentence: Sentence, column: number | null): Node {
  return schema.nodes.sentence.create(
    { function: sentence.function ?? "main", column },
    readInline(sentence.content, [])
  );
}

/** Runs → text nodes. Ruby, Sup, Sub and Line become marks; anything else stays raw. */
export function readInline(runs: readonly Inline[], marks: readonly Mark[]): Node[] {
  return runs.flatMap((run): Node[] => {
    if (typeof run === "string") return run === "" ? [] : [schema.text(run, marks)];
    if (run.type === "raw") return [rawInlineNode(run)];
    const mark = markOf(run);
    if (!mark) return [rawInlineNode({ type: "raw", tag: run.tag, xml: inlineXml(run) })];
    const content = run.tag === "Ruby" ? run.content.filter((part) => !isRt(part)) : run.content;
    return readInline(content, mark.addToSet(marks));
  });
}

function isRt(run: Inline): boolean {
  return typeof run === "object" && run.type === "inline" && run.tag === "Rt";
}

function markOf(run: InlineElement): Mark | null {
  const extra = Object.keys(run.attributes ?? {}).filter((name) => !(run.tag === "Line" && name === "Style"));
  if (extra.length > 0) return null;
  switch (run.tag) {
    case "Ruby": {
      // Only plain base text and plain readings map onto a mark; the rest stays verbatim.
      const plain = run.content.every((part) => typeof part === "string" || (isRt(part) && isPlain(part)));
      if (!plain) return null;
      // plainText leaves readings out on purpose, so the reading is read here.
      const rt = run.content.filter(isRt).map((part) => plainText((part as InlineElement).content));
      return schema.marks.ruby.create({ rt: rt.join("") });
    }
    case "Sup":
      return schema.marks.sup.create();
    case "Sub":
      return schema.marks.sub.create();
    case "Line":
      return schema.marks.line.create({ style: run.attributes?.Style ?? null });
    default:
      return null;
  }
}

function isPlain(run: Inline): boolean {
  return typeof run === "object" && run.type === "inline" && run.content.every((part) => typeof part === "string");
}

/** An inline element that has no mark, written back as XML so it can ride as a raw inline. */
function inlineXml(run: Inline): string {
  if (typeof run === "string") return escapeXml(run);
  if (run.type === "raw") return run.xml;
  const attributes = Object.entries(run.attributes ?? {})
    .map(([name, value]) => ` ${name}="${escapeXml(value).replace(/"/g, "&quot;")}"`)
    .join("");
  return `<${run.tag}${attributes}>${run.content.map(inlineXml).join("")}</${run.tag}>`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Sentence nodes → e-Gov blocks. Sentences with the same column number in a row form one
 * Column. Function is written on every sentence of a run that holds a ただし書, and on none
 * otherwise, which is how e-Gov texts write it; Num counts within the run.
 */
export function writeSentences(sentences: readonly Node[], writingMode: string): SentenceBlock[] {
  const blocks: SentenceBlock[] = [];
  let run: Node[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const column = run[0].attrs.column as number | null;
    const written = writeRun(run, writingMode);
    if (column === null) blocks.push(...written);
    else blocks.push({ type: "column", num: String(column), sentences: written as Sentence[] });
    run = [];
  };
  for (const sentence of sentences) {
    const only = sentence.childCount === 1 ? sentence.firstChild : null;
    if (only?.type.name === "rawInline" && RAW_BLOCK_TAGS.has(only.attrs.tag as string)) {
      flush();
      blocks.push(rawOf(only));
      continue;
    }
    if (run.length > 0 && run[0].attrs.column !== sentence.attrs.column) flush();
    run.push(sentence);
  }
  flush();
  return blocks;
}

function writeRun(run: readonly Node[], writingMode: string): Sentence[] {
  const withFunction = run.some((sentence) => sentence.attrs.function === "proviso");
  return run.map((sentence, index) => ({
    type: "sentence",
    num: String(index + 1),
    ...(withFunction ? { function: sentence.attrs.function as "main" | "proviso" } : {}),
    writingMode: writingMode as "horizontal" | "vertical",
    content: writeInline(sentence),
  }));
}

// Outermost first: a Line may span text with and without ruby, never the other way round.
const MARK_ORDER = ["line", "sup", "sub", "ruby"] as const;

/** Inline content of a sentence → e-Gov runs, neighbouring marked text sharing one element. */
export function writeInline(parent: Node): Inline[] {
  const children: Node[] = [];
  parent.forEach((child) => children.push(child));
  return mergeStrings(writeRuns(children, 0));
}

function writeRuns(nodes: readonly Node[], depth: number): Inline[] {
  if (depth === MARK_ORDER.length) {
    return nodes.map((node) => (node.isText ? node.text ?? "" : rawOf(node)));
  }
  const type = schema.marks[MARK_ORDER[depth]];
  const runs: Inline[] = [];
  let group: Node[] = [];
  let current: Mark | undefined;
  const flush = () => {
    if (group.length === 0) return;
    const inner = mergeStrings(writeRuns(group, depth + 1));
    runs.push(...(current ? [elementFor(current, inner)] : inner));
    group = [];
  };
  for (const node of nodes) {
    const mark = type.isInSet(node.marks);
    if (group.length > 0 && !(mark === current || (mark && current && mark.eq(current)))) flush();
    current = mark;
    group.push(node);
  }
  flush();
  return runs;
}

function elementFor(mark: Mark, content: Inline[]): InlineElement {
  switch (mark.type.name) {
    case "ruby":
      return {
        type: "inline",
        tag: "Ruby",
        content: [...content, { type: "inline", tag: "Rt", content: [mark.attrs.rt as string] }],
      };
    case "line":
      return mark.attrs.style === null
        ? { type: "inline", tag: "Line", content }
        : { type: "inline", tag: "Line", attributes: { Style: mark.attrs.style as string }, content };
    default:
      return { type: "inline", tag: mark.type.name === "sup" ? "Sup" : "Sub", content };
  }
}

function mergeStrings(runs: readonly Inline[]): Inline[] {
  const merged: Inline[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (typeof run === "string" && typeof last === "string") merged[merged.length - 1] = last + run;
    else merged.push(run);
  }
  return merged;
}
