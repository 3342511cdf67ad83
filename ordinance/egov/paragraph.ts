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
  unexpected,
} from "./element";
import { labelElement, readLabel, readRichText } from "./inline";
import { readItem, writeItem } from "./item";
import type { Paragraph } from "./law-tree";
import { readSentenceBlocks, writeSentenceBlocks } from "./sentence";
import type { XmlElement } from "./xml-node";

// 項 both ways. After its sentence the schema allows amendment clauses, 類, tables and
// lists on either side of the items; they are kept raw on the side they stood.

const RANKS: Readonly<Record<string, number>> = {
  ParagraphCaption: 0,
  ParagraphNum: 1,
  ParagraphSentence: 2,
  AmendProvision: 3,
  Class: 3,
  TableStruct: 3,
  FigStruct: 3,
  StyleStruct: 3,
  Item: 3,
  List: 3,
};

export function readParagraph(el: XmlElement): Paragraph {
  const children = orderedChildren(el, RANKS);
  const caption = single(el, children, "ParagraphCaption");
  const tail = children.filter((child) => RANKS[child.tag] === 3);
  const firstItem = tail.findIndex((child) => child.tag === "Item");
  const lastItem = tail.findLastIndex((child) => child.tag === "Item");
  const items = firstItem === -1 ? [] : tail.slice(firstItem, lastItem + 1);
  const stray = items.find((child) => child.tag !== "Item");
  // Writing puts every item together, so a table between two items would move.
  if (stray) throw unexpected(el, `号と号の間の<${stray.tag}>要素`);
  const before = firstItem === -1 ? tail : tail.slice(0, firstItem);
  const after = firstItem === -1 ? [] : tail.slice(lastItem + 1);
  const attrs = new AttributeReader(el);
  return defined({
    type: "paragraph",
    num: attrs.requiredString("Num"),
    caption: caption ? readRichText(caption) : undefined,
    captionAttributes: caption && Object.keys(caption.attributes).length > 0 ? { ...caption.attributes } : undefined,
    paragraphNum: readLabel(required(el, children, "ParagraphNum")),
    oldStyle: attrs.boolean("OldStyle"),
    oldNum: attrs.boolean("OldNum"),
    hidden: attrs.boolean("Hide"),
    attributes: attrs.rest(),
    sentences: readSentenceBlocks(required(el, children, "ParagraphSentence")),
    items: items.map(readItem),
    rawBeforeItems: nonEmpty(before.map(toRaw)),
    rawAfterItems: nonEmpty(after.map(toRaw)),
  });
}

export function writeParagraph(paragraph: Paragraph): XmlElement {
  const attributes = attributesOf(
    { Hide: paragraph.hidden, Num: paragraph.num, OldNum: paragraph.oldNum, OldStyle: paragraph.oldStyle },
    paragraph.attributes,
  );
  return element("Paragraph", attributes, [
    ...(paragraph.caption === undefined
      ? []
      : [labelElement("ParagraphCaption", paragraph.caption, { ...paragraph.captionAttributes })]),
    labelElement("ParagraphNum", paragraph.paragraphNum),
    writeSentenceBlocks("ParagraphSentence", paragraph.sentences),
    ...(paragraph.rawBeforeItems ?? []).map(fromRaw),
    ...paragraph.items.map(writeItem),
    ...(paragraph.rawAfterItems ?? []).map(fromRaw),
  ]);
}
