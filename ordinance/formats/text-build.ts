import { toNumAttribute, type ProvisionNumber } from "../numbering";
import type { SentenceInit } from "../model/build";
import { numberFrom } from "../model/numbering";
import { splitColumns, splitSentences, type Line } from "./lines";

// Classified lines → plain data for the model builders. Best effort by design: a line is
// placed where its label says, and text without a label continues the provision before it.

interface Enumerated {
  sentences: SentenceInit[];
  subitems: Enumerated[];
  num?: string;
}
interface Paragraph {
  caption?: string;
  sentences: SentenceInit[];
  items: Enumerated[];
  num?: string;
}
interface Article {
  caption?: string;
  paragraphs: Paragraph[];
  num?: string;
}
interface Container {
  heading: string;
  children: (Container | Article)[];
  num?: string;
}
interface Suppl {
  label: string;
  amendLawNum?: string;
  extract: boolean;
  children: (Article | Paragraph)[];
}

export interface BuiltText {
  title: string;
  toc: boolean;
  preamble: Paragraph[];
  main: (Container | Article)[];
  supplProvisions: Suppl[];
}

const sentencesOf = (text: string, columns: boolean): SentenceInit[] => {
  const parts = columns ? splitColumns(text) : [text];
  return parts.flatMap((part, i) =>
    splitSentences(part).map((s) => ({ ...s, column: parts.length > 1 ? i + 1 : null }))
  );
};

/** Keeps a number only where the derived one would differ (第2条の2 after 第2条). */
function numOverride(number: ProvisionNumber, siblings: readonly { num?: string }[]): string | undefined {
  let previous: ProvisionNumber | null = null;
  for (const sibling of siblings) previous = numberFrom(sibling.num ?? null, previous).next;
  const written = toNumAttribute(number);
  return numberFrom(null, previous).num === written ? undefined : written;
}

const LEVELS = ["chapter", "section", "subsection"] as const;

export function buildFromLines(lines: readonly Line[]): BuiltText {
  const out: BuiltText = { title: "", toc: false, preamble: [], main: [], supplProvisions: [] };
  let started = false; // past the title, 目次 and preamble
  let inToc = false;
  let tocFirst: string | null = null;
  let caption: string | undefined;
  let suppl: Suppl | null = null;
  let containers: Container[] = [];
  let articles: Article[] = []; // every article of the current scope, for branch numbers
  let article: Article | null = null;
  let paragraph: Paragraph | null = null;
  let stack: Enumerated[] = [];
  let lastBlock: { sentences: SentenceInit[] } | null = null;

  const scopeList = (): (Container | Article | Paragraph)[] =>
    containers.length > 0 ? containers[containers.length - 1].children : suppl ? suppl.children : out.main;
  const startParagraph = (p: Paragraph, list: Paragraph[]) => {
    list.push(p);
    paragraph = p;
    stack = [];
    lastBlock = p;
  };

  for (const line of lines) {
    if (inToc) {
      const key = line.kind === "container" ? `${line.unit}:${toNumAttribute(line.number)}` : null;
      const ends =
        (line.kind === "blank" && tocFirst !== null) ||
        line.kind === "article" ||
        line.kind === "caption" ||
        (key !== null && key === tocFirst);
      if (!ends) {
        if (key !== null) tocFirst ??= key;
        continue;
      }
      inToc = false;
    }
    switch (line.kind) {
      case "blank":
        break;
      case "toc":
        out.toc = true;
        inToc = true;
        break;
      case "container": {
        started = true;
        const level = LEVELS.indexOf(line.unit);
        containers = containers.slice(0, Math.min(level, containers.length));
        const list = scopeList() as Container[];
        const container: Container = { heading: line.heading, children: [] };
        const num = numOverride(line.number, list);
        if (num) container.num = num;
        list.push(container);
        containers.push(container);
        article = null;
        paragraph = null;
        break;
      }
      case "caption":
        started = true;
        caption = line.text;
        break;
      case "article": {
        started = true;
        const num = numOverride(line.number, articles);
        article = { paragraphs: [], ...(caption === undefined ? {} : { caption }), ...(num ? { num } : {}) };
        caption = undefined;
        (scopeList() as Article[]).push(article);
        articles.push(article);
        startParagraph({ sentences: sentencesOf(line.text, false), items: [] }, article.paragraphs);
        break;
      }
      case "supplProvision":
        started = true;
        suppl = {
          label: line.label,
          extract: line.extract,
          children: [],
          ...(line.amendLawNum ? { amendLawNum: line.amendLawNum } : {}),
        };
        out.supplProvisions.push(suppl);
        containers = [];
        articles = [];
        article = null;
        paragraph = null;
        break;
      case "paragraph": {
        const list = article ? article.paragraphs : suppl && !articles.length ? (suppl.children as Paragraph[]) : null;
        if (!list) {
          appendText(`${line.number}　${line.text}`);
          break;
        }
        const p: Paragraph = {
          sentences: sentencesOf(line.text, false),
          items: [],
          ...(caption === undefined ? {} : { caption }),
        };
        caption = undefined;
        startParagraph(p, list);
        break;
      }
      case "item":
        if (!paragraph) appendText(line.text);
        else {
          const item: Enumerated = { sentences: sentencesOf(line.text, true), subitems: [] };
          const num = numOverride(line.number, (paragraph as Paragraph).items);
          if (num) item.num = num;
          (paragraph as Paragraph).items.push(item);
          stack = [item];
          lastBlock = item;
        }
        break;
      case "subitem": {
        const parent = stack[line.level - 1];
        if (!parent) {
          appendText(line.text);
          break;
        }
        const subitem: Enumerated = { sentences: sentencesOf(line.text, true), subitems: [] };
        const num = numOverride([line.index], parent.subitems);
        if (num) subitem.num = num;
        parent.subitems.push(subitem);
        stack = [...stack.slice(0, line.level), subitem];
        lastBlock = subitem;
        break;
      }
      case "text":
        if (!out.title && !started && out.preamble.length === 0 && !out.toc) out.title = line.text;
        else if (!started) startParagraph({ sentences: sentencesOf(line.text, false), items: [] }, out.preamble);
        else if (suppl && !article && (suppl.children.length === 0 || caption !== undefined)) {
          const p: Paragraph = {
            sentences: sentencesOf(line.text, false),
            items: [],
            ...(caption === undefined ? {} : { caption }),
          };
          caption = undefined;
          startParagraph(p, suppl.children as Paragraph[]);
        } else appendText(line.text);
        break;
    }
  }
  return repair(out);

  function appendText(text: string): void {
    const block = lastBlock as { sentences: SentenceInit[] } | null;
    if (block) block.sentences.push(...sentencesOf(text, false));
  }
}

/** Fills what the schema requires and a text may lack: a chapter with no article, a bare 附則. */
function repair(out: BuiltText): BuiltText {
  const empty = (): Article => ({ paragraphs: [{ sentences: [{ text: "" }], items: [] }] });
  const fill = (list: (Container | Article)[]) => {
    for (const node of list) {
      if ("heading" in node) {
        if (node.children.length === 0) node.children.push(empty());
        fill(node.children);
      }
    }
  };
  if (out.main.length === 0) {
    // Text with no article at all: its paragraphs become the one article of the draft.
    out.main.push(out.preamble.length > 0 ? { paragraphs: out.preamble } : empty());
    out.preamble = [];
  }
  fill(out.main);
  for (const suppl of out.supplProvisions) {
    if (suppl.children.length === 0) suppl.children.push({ sentences: [{ text: "" }], items: [] });
  }
  return out;
}
