import { readArticle, writeArticle } from "./article";
import { AttributeReader, attributesOf, defined, element, orderedChildren, required } from "./element";
import { labelElement, readLabel } from "./inline";
import type { Article, Container, ContainerKind, ProvisionNode } from "./law-tree";
import { readParagraph, writeParagraph } from "./paragraph";
import type { XmlElement } from "./xml-node";

// 編・章・節・款・目 both ways, and the provision lists MainProvision and SupplProvision hold.

export const CONTAINER_TAGS: Readonly<Record<ContainerKind, string>> = {
  part: "Part",
  chapter: "Chapter",
  section: "Section",
  subsection: "Subsection",
  division: "Division",
};

const KIND_BY_TAG = new Map(
  (Object.entries(CONTAINER_TAGS) as Array<[ContainerKind, string]>).map(([kind, tag]) => [tag, kind]),
);

/** Tags a provision list may hold, all of one rank: their order is kept as it stands. */
export function provisionRanks(rank: number, withParagraphs: boolean): Record<string, number> {
  const ranks: Record<string, number> = { Article: rank };
  for (const tag of KIND_BY_TAG.keys()) ranks[tag] = rank;
  if (withParagraphs) ranks.Paragraph = rank;
  return ranks;
}

/** Containers, articles and (where allowed) paragraphs, in document order. */
export function readProvisionNodes(children: readonly XmlElement[]): ProvisionNode[] {
  return children.flatMap((child): ProvisionNode[] => {
    if (child.tag === "Article") return [readArticle(child)];
    if (child.tag === "Paragraph") return [readParagraph(child)];
    const kind = KIND_BY_TAG.get(child.tag);
    return kind ? [readContainer(child, kind)] : [];
  });
}

export function writeProvisionNode(node: ProvisionNode): XmlElement {
  if (node.type === "article") return writeArticle(node);
  if (node.type === "paragraph") return writeParagraph(node);
  return writeContainer(node);
}

function readContainer(el: XmlElement, kind: ContainerKind): Container {
  const titleTag = `${CONTAINER_TAGS[kind]}Title`;
  const children = orderedChildren(el, { [titleTag]: 0, ...provisionRanks(1, false) });
  const attrs = new AttributeReader(el);
  return defined({
    type: "container",
    kind,
    num: attrs.requiredString("Num"),
    title: readLabel(required(el, children, titleTag)),
    deleted: attrs.boolean("Delete"),
    hidden: attrs.boolean("Hide"),
    attributes: attrs.rest(),
    children: readProvisionNodes(children.filter((child) => child.tag !== titleTag)) as (Container | Article)[],
  });
}

function writeContainer(container: Container): XmlElement {
  const tag = CONTAINER_TAGS[container.kind];
  const attributes = attributesOf(
    { Delete: container.deleted, Hide: container.hidden, Num: container.num },
    container.attributes,
  );
  return element(tag, attributes, [
    labelElement(`${tag}Title`, container.title),
    ...container.children.map(writeProvisionNode),
  ]);
}
