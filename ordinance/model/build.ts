import type { Node } from "prosemirror-model";
import type { NumberingStyle } from "../numbering";
import { ordinanceSchema as schema } from "./schema";

// Plain data → ordinance nodes, for importers, tests and seeds. Every builder checks its
// content against the schema (createChecked), so a malformed draft fails where it is made.

export interface SentenceInit {
  readonly text: string;
  readonly function?: "main" | "proviso";
  readonly column?: number | null;
}

/** Identity and the import-only number overrides (see schema.ts). */
export interface NumberedInit {
  readonly id?: string | null;
  readonly num?: string | null;
  readonly label?: string | null;
}

export interface EnumeratedInit extends NumberedInit {
  readonly sentences: readonly (string | SentenceInit)[];
  readonly subitems?: readonly EnumeratedInit[];
}

export interface ParagraphInit extends NumberedInit {
  readonly caption?: string;
  readonly sentences: readonly (string | SentenceInit)[];
  readonly items?: readonly EnumeratedInit[];
}

export interface ArticleInit extends NumberedInit {
  readonly caption?: string;
  readonly paragraphs: readonly (ParagraphInit | string)[];
}

export interface ContainerInit extends NumberedInit {
  readonly heading: string;
  /** Articles, or the next level down (section in a chapter, subsection in a section). */
  readonly children: readonly (ContainerInit | ArticleInit)[];
}

export interface SupplProvisionInit {
  readonly id?: string | null;
  readonly label?: string;
  readonly amendLawNum?: string | null;
  readonly extract?: boolean;
  readonly children: readonly (ArticleInit | ParagraphInit | ContainerInit)[];
}

export interface DocInit {
  readonly title: string;
  readonly style?: NumberingStyle;
  readonly toc?: boolean;
  readonly preamble?: readonly (ParagraphInit | string)[];
  readonly main: readonly (ContainerInit | ArticleInit)[];
  readonly supplProvisions?: readonly SupplProvisionInit[];
}

const text = (value: string): Node[] => (value === "" ? [] : [schema.text(value)]);

function numbered(init: NumberedInit): Record<string, string | null> {
  return { id: init.id ?? null, num: init.num ?? null, label: init.label ?? null };
}

export function buildSentence(init: string | SentenceInit): Node {
  const { text: value, function: fn = "main", column = null } = typeof init === "string" ? { text: init } : init;
  return schema.nodes.sentence.createChecked({ function: fn, column }, text(value));
}

function enumerated(type: "item" | "subitem", init: EnumeratedInit): Node {
  return schema.nodes[type].createChecked(numbered(init), [
    ...init.sentences.map(buildSentence),
    ...(init.subitems ?? []).map((subitem) => enumerated("subitem", subitem)),
  ]);
}

export const buildItem = (init: EnumeratedInit): Node => enumerated("item", init);
export const buildSubitem = (init: EnumeratedInit): Node => enumerated("subitem", init);

export function buildParagraph(init: ParagraphInit | string): Node {
  const p = typeof init === "string" ? { sentences: [init] } : init;
  return schema.nodes.paragraph.createChecked(numbered(p), [
    ...(p.caption === undefined ? [] : [schema.nodes.caption.create(null, text(p.caption))]),
    ...p.sentences.map(buildSentence),
    ...(p.items ?? []).map(buildItem),
  ]);
}

export function buildArticle(init: ArticleInit): Node {
  return schema.nodes.article.createChecked(numbered(init), [
    ...(init.caption === undefined ? [] : [schema.nodes.caption.create(null, text(init.caption))]),
    ...init.paragraphs.map(buildParagraph),
  ]);
}

const isContainer = (init: object): init is ContainerInit => "heading" in init;
const isArticle = (init: object): init is ArticleInit => "paragraphs" in init;
const LOWER: Readonly<Record<string, string>> = { mainProvision: "chapter", chapter: "section", section: "subsection" };

function buildContainer(type: string, init: ContainerInit): Node {
  return schema.nodes[type].createChecked(numbered(init), [
    schema.nodes.heading.create(null, text(init.heading)),
    ...provisions(type, init.children),
  ]);
}

/** A chapter with its sections or articles. */
export const buildChapter = (init: ContainerInit): Node => buildContainer("chapter", init);

function provisions(parent: string, children: readonly (ContainerInit | ArticleInit | ParagraphInit)[]): Node[] {
  return children.map((child) => {
    if (isContainer(child)) return buildContainer(LOWER[parent] ?? "chapter", child);
    return isArticle(child) ? buildArticle(child) : buildParagraph(child);
  });
}

export function buildSupplProvision(init: SupplProvisionInit): Node {
  return schema.nodes.supplProvision.createChecked(
    {
      id: init.id ?? null,
      label: init.label ?? "附　則",
      amendLawNum: init.amendLawNum ?? null,
      extract: init.extract ?? false,
    },
    provisions("mainProvision", init.children)
  );
}

/** A whole draft. Ids are left empty: call ensureIds (or let uniqueIdPlugin) fill them. */
export function buildDoc(init: DocInit): Node {
  return schema.nodes.doc.createChecked({ style: init.style ?? "horizontal" }, [
    schema.nodes.title.create(null, text(init.title)),
    ...(init.toc ? [schema.nodes.toc.create()] : []),
    ...(init.preamble ? [schema.nodes.preamble.createChecked(null, init.preamble.map(buildParagraph))] : []),
    schema.nodes.mainProvision.createChecked(null, provisions("mainProvision", init.main)),
    ...(init.supplProvisions ?? []).map(buildSupplProvision),
  ]);
}
