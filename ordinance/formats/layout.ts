import type { Node } from "prosemirror-model";
import type { NumberingStyle } from "../numbering";
import { numberingCursor, type NumberedKind, type NumberedProvision } from "../model/numbering";
import { captionText, headingText, outline, outlineLine } from "../model/outline";

// The printed layout of an ordinance, one line per provision, as the 例規集 sets it: the
// title, 目次, 第1章 three characters in, a caption one in above its article, 第1条 at the
// margin with its continuation one in, items one in, each level of subitem one more.
// Plain text and DOCX both render these lines, so they cannot drift apart.

export type PrintedRole =
  | "title"
  | "blank"
  | "tocLabel"
  | "tocEntry"
  | "container"
  | "caption"
  | "provision"
  | "supplLabel"
  | "raw";

export interface PrintedLine {
  readonly role: PrintedRole;
  /** The line without its indent: "第1条　この条例は…", "（目的）", "(1)　市町村". */
  readonly text: string;
  /** Indent of the first line, in full-width characters. */
  readonly indent: number;
  /** Indent of the lines a long provision wraps onto. */
  readonly wrapIndent: number;
  readonly kind?: NumberedKind;
}

const SPACE = "　";
const CONTAINER_INDENT: Readonly<Record<string, number>> = { chapter: 3, section: 4, subsection: 5 };

export function printedLines(doc: Node, style: NumberingStyle): PrintedLine[] {
  const lines: PrintedLine[] = [];
  const next = numberingCursor(doc, style);
  const line = (role: PrintedRole, text: string, indent = 0, wrapIndent = indent, kind?: NumberedKind) =>
    lines.push({ role, text, indent, wrapIndent, ...(kind ? { kind } : {}) });
  const blank = () => line("blank", "");

  const captionLine = (node: Node) => {
    const caption = captionText(node);
    if (caption) line("caption", `（${caption}）`, 1);
  };
  const raws = (node: Node) =>
    node.forEach((child) => {
      if (child.type.name === "raw") line("raw", child.textContent);
    });
  const enumerated = (node: Node) => {
    const info = next(node);
    line("provision", `${info.label}${SPACE}${sentencesText(node)}`, info.level + 1, info.level + 2, info.kind);
    node.forEach((child) => {
      if (child.type.name === "subitem") enumerated(child);
    });
    raws(node);
  };
  const paragraph = (node: Node, info: NumberedProvision, head: string) => {
    captionLine(node);
    const text = sentencesText(node);
    if (head) line("provision", `${head}${SPACE}${text}`, 0, 1, info.kind);
    else line("provision", text, 1, 0, info.kind);
    node.forEach((child) => {
      if (child.type.name === "item") enumerated(child);
    });
    raws(node);
  };
  const provisions = (parent: Node) =>
    parent.forEach((child) => {
      const name = child.type.name;
      if (name === "paragraph") {
        const info = next(child);
        paragraph(child, info, info.label);
      } else if (name === "raw") line("raw", child.textContent);
      else if (name === "article") {
        const info = next(child);
        captionLine(child);
        let first = true;
        child.forEach((p) => {
          if (p.type.name !== "paragraph") return;
          const own = next(p);
          // The first paragraph stands on the article's own line: 第1条　…
          paragraph(p, own, first ? info.label : own.label);
          first = false;
        });
      } else if (name in CONTAINER_INDENT) {
        const info = next(child);
        const heading = headingText(child);
        const indent = CONTAINER_INDENT[name];
        line("container", heading ? `${info.label}${SPACE}${heading}` : info.label, indent, indent, info.kind);
        provisions(child);
      }
    });

  doc.forEach((child) => {
    switch (child.type.name) {
      case "title":
        line("title", child.textContent, 3);
        blank();
        break;
      case "toc":
        line("tocLabel", "目次");
        for (const entry of outline(doc, style)) {
          if (entry.kind === "article" || entry.kind === "supplProvision" || entry.supplementary) continue;
          line("tocEntry", outlineLine(entry), entry.depth + 1, entry.depth + 2);
        }
        // One 附則 line however many 附則 there are, as e-Gov's 目次 has it.
        if (hasChild(doc, "supplProvision")) line("tocEntry", "附則", 1);
        blank();
        break;
      case "preamble":
        provisions(child);
        blank();
        break;
      case "mainProvision":
        provisions(child);
        break;
      case "supplProvision": {
        const info = next(child);
        const amend = child.attrs.amendLawNum ? `（${child.attrs.amendLawNum as string}）` : "";
        blank();
        line("supplLabel", info.label + amend + (child.attrs.extract ? `${SPACE}抄` : ""), 3, 3, "supplProvision");
        provisions(child);
        break;
      }
      case "raw":
        line("raw", child.textContent);
        break;
    }
  });
  return lines;
}

/** The sentences of a provision as one run; columns (用語　定義) part with a full-width space. */
export function sentencesText(node: Node): string {
  let text = "";
  let column: unknown = undefined;
  node.forEach((child) => {
    if (child.type.name !== "sentence") return;
    if (text !== "" && child.attrs.column !== null && child.attrs.column !== column) text += SPACE;
    text += child.textContent;
    column = child.attrs.column;
  });
  return text;
}

function hasChild(doc: Node, name: string): boolean {
  let found = false;
  doc.forEach((child) => {
    if (child.type.name === name) found = true;
  });
  return found;
}
