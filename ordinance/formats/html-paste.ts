import { Fragment, Slice, type Node } from "prosemirror-model";
import type { NumberingStyle } from "../numbering";
import {
  buildArticle,
  buildChapter,
  buildParagraph,
  buildSupplProvision,
  type ArticleInit,
  type ContainerInit,
} from "../model/build";
import { ordinanceSchema as schema } from "../model/schema";
import { classifyLine, detectStyle, splitSentences, type Line } from "./lines";
import { buildFromLines, type BuiltText } from "./text-build";

// Plain text pasted from Word or a web page, turned into ordinance structure where its lines
// carry labels (第5条, （見出し）, ２, (1), ア) and into plain paragraphs where they do not.
// Only text/plain is read, so no markup from the source can reach the document.

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const ODD_SPACES = /[\u00a0\u2000-\u200a\u202f\u205f]/g;
// C0 and C1 controls except tab and line feed; Word leaves \v and \f in copied text.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Bullets Word and browsers add to list items; 「・」 is left alone, since Japanese text uses it.
const BULLET = /^[•\uf0a7\uf0b7\u25cf\u25aa]\s*/;

/**
 * Cleans pasted text: one kind of line break, no invisible characters or controls, odd
 * spaces made plain, tabs (Word's label separator) made the full-width space a label takes,
 * half-width katakana made full-width, list bullets and trailing spaces dropped, runs of
 * blank lines made one.
 */
export function sanitizePastedText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, "")
    .replace(/\t+/g, "　")
    .replace(CONTROLS, "")
    .replace(ODD_SPACES, " ")
    .replace(/[\uff61-\uff9f]+/g, (run) => run.normalize("NFKC"))
    .split("\n")
    .map((line) => line.replace(BULLET, "").replace(/[ \u3000]+$/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}

/** How much structure the pasted lines carry. */
export type PastedLevel = "provisions" | "paragraphs" | "text";

export interface PastedStructure {
  readonly level: PastedLevel;
  readonly style: NumberingStyle;
  readonly lines: readonly Line[];
}

/** Classifies each line: articles or chapters make it "provisions", paragraph or item labels "paragraphs". */
export function detectPastedStructure(text: string, style?: NumberingStyle): PastedStructure {
  const raw = sanitizePastedText(text).split("\n");
  const chosen = style ?? detectStyle(raw);
  const lines = raw.map((line) => classifyLine(line, chosen));
  const has = (...kinds: Line["kind"][]) => lines.some((line) => kinds.includes(line.kind));
  const level: PastedLevel = has("article", "container", "supplProvision")
    ? "provisions"
    : has("paragraph", "item", "subitem")
    ? "paragraphs"
    : "text";
  return { level, style: chosen, lines };
}

// Text before the first label continues the provision being pasted into: it goes into a
// leading paragraph (inside an article, in a paste of articles) left open, so ProseMirror
// adds its sentences to the paragraph at the cursor.
const OPENER: Line = { kind: "article", number: [1], text: "" };

/**
 * The slice the editor inserts for pasted text. Numbers written in the text are not kept:
 * a pasted 第5条 is numbered by where it lands, like every other article of a draft.
 */
export function pastedTextToSlice(text: string, style?: NumberingStyle): Slice {
  const structure = detectPastedStructure(text, style);
  const content = structure.lines.filter((line) => line.kind !== "blank" && line.kind !== "toc");
  if (structure.level === "text") {
    if (content.length <= 1) {
      const only = content[0];
      return only ? new Slice(Fragment.from(schema.text((only as { text: string }).text)), 0, 0) : Slice.empty;
    }
    return new Slice(
      Fragment.fromArray(content.map((line) => buildParagraph(sentencesOnly((line as { text: string }).text)))),
      0,
      0
    );
  }
  const built = withoutNums(buildFromLines([OPENER, ...content]));
  const opener = built.main[0] as ArticleInit & { paragraphs: BuiltText["preamble"] };
  const leading = dropEmptyOpener(opener);
  if (structure.level === "paragraphs") {
    return new Slice(Fragment.fromArray(opener.paragraphs.map(buildParagraph)), leading ? 1 : 0, 0);
  }
  const nodes: Node[] = built.main
    .slice(leading ? 0 : 1)
    .map((init) => ("heading" in init ? buildChapter(init as ContainerInit) : buildArticle(init as ArticleInit)));
  nodes.push(...built.supplProvisions.map(buildSupplProvision));
  return new Slice(Fragment.fromArray(nodes), leading ? 2 : 0, 0);
}

function sentencesOnly(text: string) {
  return { sentences: splitSentences(text) };
}

/** Removes the opener's empty first sentence; true when text before the first label remains. */
function dropEmptyOpener(opener: { paragraphs: BuiltText["preamble"] }): boolean {
  const first = opener.paragraphs[0];
  if (first.sentences.length > 1) first.sentences.shift();
  const empty = first.sentences.length === 1 && first.sentences[0].text === "" && first.items.length === 0;
  if (empty) opener.paragraphs.shift();
  return !empty;
}

function withoutNums<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNums) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "num")
        .map(([key, v]) => [key, withoutNums(v)])
    ) as T;
  }
  return value;
}
