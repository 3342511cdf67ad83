// Markdown files: "#" headings become sections, and the markup people type most
// (emphasis, links, list markers, code fences) is removed so the stored text reads as
// plain text. Anything rarer is kept as written rather than guessed at.

import type { Block } from "./assemble";

const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(```|~~~)/;
const RULE = /^ {0,3}(?:[-*_][ \t]*){3,}$/;

export interface MarkdownContent {
  blocks: Block[];
  title?: string;
}

export function readMarkdown(source: string): MarkdownContent {
  const blocks: Block[] = [];
  let body: string[] = [];
  let fence: string | null = null;
  let title: string | undefined;
  const flush = () => {
    if (body.some((line) => line.trim() !== "")) blocks.push({ kind: "body", text: body.join("\n") });
    body = [];
  };

  for (const line of source.split(/\r\n?|\n/)) {
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch?.[1] === fence) fence = null;
      else body.push(line);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      flush();
      const text = stripInline(heading[2]);
      if (heading[1].length === 1) title ??= text;
      if (text) blocks.push({ kind: "heading", level: heading[1].length, text });
    } else if (!RULE.test(line)) {
      body.push(stripLine(line));
    }
  }
  flush();
  return { blocks, ...(title ? { title } : {}) };
}

function stripLine(line: string): string {
  return stripInline(
    line
      .replace(/^(\s*)>\s?/, "$1")
      // "- item" / "* item" / "+ item" → "・item", the bullet our record bodies use.
      .replace(/^(\s*)[-*+][ \t]+(?=\S)/, "$1・")
  );
}

function stripInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/`([^`]+)`/g, "$1");
}
