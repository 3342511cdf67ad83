// Turns what a format reader found into an ExtractedText. Readers that know the
// document's structure (Word heading styles, Markdown "#") pass headings explicitly;
// for the rest, headings are guessed from the cleaned lines.

import { cleanInline, cleanJapaneseText } from "./clean-text";
import { displayName } from "./errors";
import { compactLevels, headingLevel } from "./headings";
import type { ExtractedText, Section, TextFormat } from "./types";

export type Block = { kind: "heading"; level: number; text: string } | { kind: "body"; text: string };

export interface AssembleOptions {
  format: TextFormat;
  fileName: string;
  title?: string;
  warnings?: string[];
}

export function assembleDocument(blocks: readonly Block[], options: AssembleOptions): ExtractedText {
  const explicit = blocks.some((block) => block.kind === "heading");
  const { parts, text } = explicit ? cleanStructured(blocks) : guessStructure(blocks);
  const levelOf = compactLevels(parts.flatMap((part) => (part.kind === "heading" ? [part.level] : [])));

  const sections: Section[] = [];
  for (const part of parts) {
    if (part.kind === "heading") {
      sections.push({ heading: part.text, level: levelOf(part.level), text: "" });
    } else if (sections.length === 0) {
      sections.push({ level: 0, text: part.text });
    } else {
      const last = sections[sections.length - 1];
      last.text = last.text ? `${last.text}\n\n${part.text}` : part.text;
    }
  }

  const warnings = [...(options.warnings ?? [])];
  if (text.trim() === "") {
    warnings.push(
      `「${displayName(options.fileName)}」から文字を取り出せませんでした。` +
        "スキャンした画像だけの文書の場合は、文字認識（OCR）をしてから取り込んでください。"
    );
  }
  const title = options.title ? cleanInline(options.title) : "";
  return { format: options.format, ...(title ? { title } : {}), sections, text, warnings };
}

interface Structured {
  parts: Block[];
  /** The full text: every part, headings included, in reading order. */
  text: string;
}

function cleanStructured(blocks: readonly Block[]): Structured {
  const parts: Block[] = [];
  for (const block of blocks) {
    const text = block.kind === "heading" ? cleanInline(block.text) : cleanJapaneseText(block.text);
    if (text) parts.push({ ...block, text });
  }
  return { parts, text: parts.map((part) => part.text).join("\n\n") };
}

// Bodies are cleaned as one text so a sentence broken across blocks can be rejoined, then
// split at lines that look like headings; the runs between them become body parts.
function guessStructure(blocks: readonly Block[]): Structured {
  const cleaned = cleanJapaneseText(blocks.map((block) => block.text).join("\n\n"));
  const parts: Block[] = [];
  let body: string[] = [];
  const flush = () => {
    const text = trimBlankLines(body).join("\n");
    if (text) parts.push({ kind: "body", text });
    body = [];
  };
  for (const line of cleaned.split("\n")) {
    const level = headingLevel(line);
    if (level === null) {
      body.push(line);
    } else {
      flush();
      parts.push({ kind: "heading", level, text: line.trim() });
    }
  }
  flush();
  return { parts, text: cleaned };
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].trim() === "") start++;
  while (end > start && lines[end - 1].trim() === "") end--;
  return lines.slice(start, end);
}
