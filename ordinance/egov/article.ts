import { AttributeReader, attributesOf, defined, element, orderedChildren, required, single } from "./element";
import { labelElement, readLabel, readRichText } from "./inline";
import type { Article } from "./law-tree";
import { readParagraph, writeParagraph } from "./paragraph";
import type { XmlElement } from "./xml-node";

// 条 both ways: caption (見出し), title, paragraphs, and the rare SupplNote.

// Caption and title share a rank because the schema lets either come first.
const RANKS: Readonly<Record<string, number>> = { ArticleCaption: 0, ArticleTitle: 0, Paragraph: 1, SupplNote: 2 };

export function readArticle(el: XmlElement): Article {
  const children = orderedChildren(el, RANKS);
  const caption = single(el, children, "ArticleCaption");
  const title = required(el, children, "ArticleTitle");
  const supplNote = single(el, children, "SupplNote");
  const attrs = new AttributeReader(el);
  return defined({
    type: "article",
    num: attrs.requiredString("Num"),
    caption: caption ? readRichText(caption) : undefined,
    captionAttributes: caption && Object.keys(caption.attributes).length > 0 ? { ...caption.attributes } : undefined,
    captionAfterTitle: caption && children.indexOf(caption) > children.indexOf(title) ? true : undefined,
    title: readLabel(title),
    deleted: attrs.boolean("Delete"),
    hidden: attrs.boolean("Hide"),
    attributes: attrs.rest(),
    paragraphs: children.filter((child) => child.tag === "Paragraph").map(readParagraph),
    supplNote: supplNote ? readLabel(supplNote) : undefined,
  });
}

export function writeArticle(article: Article): XmlElement {
  const attributes = attributesOf(
    { Delete: article.deleted, Hide: article.hidden, Num: article.num },
    article.attributes,
  );
  const caption =
    article.caption === undefined
      ? []
      : [labelElement("ArticleCaption", article.caption, { ...article.captionAttributes })];
  const title = labelElement("ArticleTitle", article.title);
  return element("Article", attributes, [
    ...(article.captionAfterTitle ? [title, ...caption] : [...caption, title]),
    ...article.paragraphs.map(writeParagraph),
    ...(article.supplNote === undefined ? [] : [labelElement("SupplNote", article.supplNote)]),
  ]);
}
