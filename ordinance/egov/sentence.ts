import {
  AttributeReader,
  attributesOf,
  defined,
  element,
  fromRaw,
  orderedChildren,
  toRaw,
  unexpected,
} from "./element";
import { readInline, writeInline } from "./inline";
import type { Column, Sentence, SentenceBlock } from "./law-tree";
import type { XmlElement, XmlNode } from "./xml-node";

// Sentence and Column both ways, and the blocks that hold them (ParagraphSentence,
// ItemSentence, Subitem1Sentence …).

export function readSentence(el: XmlElement): Sentence {
  const attrs = new AttributeReader(el);
  return defined({
    type: "sentence",
    num: attrs.string("Num"),
    function: attrs.oneOf("Function", ["main", "proviso"] as const),
    writingMode: attrs.oneOf("WritingMode", ["vertical", "horizontal"] as const),
    attributes: attrs.rest(),
    content: readInline(el),
  });
}

export function writeSentence(sentence: Sentence): XmlElement {
  const attributes = attributesOf(
    { Function: sentence.function, Num: sentence.num, WritingMode: sentence.writingMode },
    sentence.attributes,
  );
  return element("Sentence", attributes, writeInline(sentence.content), true);
}

function readColumn(el: XmlElement): Column {
  const attrs = new AttributeReader(el);
  return defined({
    type: "column",
    num: attrs.string("Num"),
    lineBreak: attrs.boolean("LineBreak"),
    attributes: attrs.rest(),
    sentences: orderedChildren(el, { Sentence: 0 }).map(readSentence),
  });
}

function writeColumn(column: Column): XmlElement {
  const attributes = attributesOf({ LineBreak: column.lineBreak, Num: column.num }, column.attributes);
  return element("Column", attributes, column.sentences.map(writeSentence));
}

/**
 * The children of a *Sentence wrapper. The schema allows sentences, columns or one Table;
 * a mix is kept in order rather than refused, since nothing is lost by keeping it.
 */
export function readSentenceBlocks(wrapper: XmlElement): SentenceBlock[] {
  if (Object.keys(wrapper.attributes).length > 0) throw unexpected(wrapper, "属性");
  return orderedChildren(wrapper, { Sentence: 0, Column: 0, Table: 0 }).map((child) =>
    child.tag === "Sentence" ? readSentence(child) : child.tag === "Column" ? readColumn(child) : toRaw(child),
  );
}

export function writeSentenceBlocks(tag: string, blocks: readonly SentenceBlock[]): XmlElement {
  const children = blocks.map((block): XmlNode => {
    if (block.type === "sentence") return writeSentence(block);
    if (block.type === "column") return writeColumn(block);
    return fromRaw(block);
  });
  return element(tag, {}, children);
}
