import {
  AttributeReader,
  attributesOf,
  defined,
  element,
  fromRaw,
  nonEmpty,
  orderedChildren,
  required,
  single,
  toRaw,
} from "./element";
import { EGOV_XML_ERROR_CODES, EgovXmlError } from "./errors";
import { labelElement, readLabel } from "./inline";
import type { Item, Subitem } from "./law-tree";
import { readSentenceBlocks, writeSentenceBlocks } from "./sentence";
import type { XmlElement } from "./xml-node";

// 号 and 号の細分 both ways. Item and Subitem1 … Subitem10 share one shape; only the
// element names change with the level (0 is the item itself).

const SCHEMA_SUBITEM_LEVELS = 10;

function tagOf(level: number): string {
  return level === 0 ? "Item" : `Subitem${level}`;
}

/** Tags that may follow the subitems; kept raw. */
const TRAILING_RAW = ["TableStruct", "FigStruct", "StyleStruct", "List"];

function ranksFor(level: number): Record<string, number> {
  const tag = tagOf(level);
  const ranks: Record<string, number> = { [`${tag}Title`]: 0, [`${tag}Sentence`]: 1 };
  if (level < SCHEMA_SUBITEM_LEVELS) ranks[tagOf(level + 1)] = 2;
  for (const raw of TRAILING_RAW) ranks[raw] = 3;
  return ranks;
}

function readEnumerated(el: XmlElement, level: number) {
  const tag = tagOf(level);
  const children = orderedChildren(el, ranksFor(level));
  const title = single(el, children, `${tag}Title`);
  const attrs = new AttributeReader(el);
  return defined({
    num: attrs.requiredString("Num"),
    title: title ? readLabel(title) : undefined,
    deleted: attrs.boolean("Delete"),
    hidden: attrs.boolean("Hide"),
    attributes: attrs.rest(),
    sentences: readSentenceBlocks(required(el, children, `${tag}Sentence`)),
    subitems: children.filter((child) => child.tag === tagOf(level + 1)).map((child) => readSubitem(child, level + 1)),
    rawAfterSubitems: nonEmpty(children.filter((child) => TRAILING_RAW.includes(child.tag)).map(toRaw)),
  });
}

export function readItem(el: XmlElement): Item {
  return { type: "item", ...readEnumerated(el, 0) };
}

function readSubitem(el: XmlElement, level: number): Subitem {
  return { type: "subitem", level, ...readEnumerated(el, level) };
}

export function writeItem(item: Item): XmlElement {
  return writeEnumerated(item, 0);
}

function writeEnumerated(node: Item | Subitem, level: number): XmlElement {
  const tag = tagOf(level);
  if (node.subitems.length > 0 && level >= SCHEMA_SUBITEM_LEVELS) {
    throw new EgovXmlError(
      EGOV_XML_ERROR_CODES.unexpectedContent,
      `号の細分が${SCHEMA_SUBITEM_LEVELS}段を超えています（${tag} Num="${node.num}"）。法令XMLでは10段までしか書けないため、構成を見直してください。`,
    );
  }
  const attributes = attributesOf({ Delete: node.deleted, Hide: node.hidden, Num: node.num }, node.attributes);
  return element(tag, attributes, [
    ...(node.title === undefined ? [] : [labelElement(`${tag}Title`, node.title)]),
    writeSentenceBlocks(`${tag}Sentence`, node.sentences),
    ...node.subitems.map((subitem) => writeEnumerated(subitem, level + 1)),
    ...(node.rawAfterSubitems ?? []).map(fromRaw),
  ]);
}
