import type { Node } from "prosemirror-model";
import type { NumberingStyle } from "../numbering";
import { buildDoc } from "../model/build";
import { ensureIds, newId } from "../model/ids";
import { documentStyle } from "../model/numbering";
import { printedLines } from "./layout";
import { classifyLine, detectStyle } from "./lines";
import { buildFromLines } from "./text-build";

// The printed layout as plain text, both ways: each line indented with full-width spaces
// as layout.ts sets it, and read back by the labels at the head of each line.

/** The draft as printed text, one provision a line. */
export function docToText(doc: Node, style: NumberingStyle = documentStyle(doc)): string {
  return (
    printedLines(doc, style)
      .map((line) => "　".repeat(line.indent) + line.text)
      .join("\n") + "\n"
  );
}

export interface TextToDocOptions {
  /** The numbering style of the text; read from its first article label when absent. */
  readonly style?: NumberingStyle;
  readonly makeId?: () => string;
}

/**
 * Printed text → a draft, best effort: title, 目次 (its lines skipped: it is computed), chapters,
 * captions, articles, paragraphs, items and subitems, 附則. Text with no label continues the
 * provision above it; a text with no article at all becomes one article.
 */
export function textToDoc(text: string, options: TextToDocOptions = {}): Node {
  const rawLines = text.replace(/\r\n?/g, "\n").split("\n");
  const style = options.style ?? detectStyle(rawLines);
  const built = buildFromLines(rawLines.map((line) => classifyLine(line, style)));
  const doc = buildDoc({
    title: built.title,
    style,
    toc: built.toc,
    ...(built.preamble.length > 0 ? { preamble: built.preamble } : {}),
    main: built.main,
    supplProvisions: built.supplProvisions,
  });
  return ensureIds(doc, options.makeId ?? newId);
}
