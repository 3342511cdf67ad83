import { defined, element, fromRaw, toRaw, unexpected } from "./element";
import type { Inline, InlineElement, InlineTag, RichText, SentenceBlock } from "./law-tree";
import { isElement, type XmlElement, type XmlNode } from "./xml-node";

// Running text both ways: a mixed-content element ⇄ inline runs, plus plain text for
// display and search.

const INLINE_TAGS: ReadonlySet<string> = new Set<InlineTag>(["Ruby", "Rt", "Sup", "Sub", "Line"]);

/** Mixed content → runs. QuoteStruct, ArithFormula and anything unknown stay raw. */
export function readInline(parent: XmlElement): Inline[] {
  return parent.children.map((child): Inline => {
    if (typeof child === "string") return child;
    // Verbatim XML only occurs in trees built for writing; pass it through all the same.
    if (!isElement(child)) return { type: "raw", tag: "", xml: child.raw };
    if (!INLINE_TAGS.has(child.tag)) return toRaw(child);
    const attributes = Object.keys(child.attributes).length > 0 ? { ...child.attributes } : undefined;
    return defined<InlineElement>({
      type: "inline",
      tag: child.tag as InlineTag,
      attributes,
      content: readInline(child),
    });
  });
}

/** A label's content: one string unless it holds markup. */
export function readRichText(parent: XmlElement): RichText {
  const runs = readInline(parent);
  if (runs.length === 0) return "";
  return runs.length === 1 && typeof runs[0] === "string" ? runs[0] : runs;
}

/** A label that takes no attributes (ArticleTitle, ChapterTitle …); one it does not know is refused, not dropped. */
export function readLabel(el: XmlElement): RichText {
  if (Object.keys(el.attributes).length > 0) throw unexpected(el, "属性");
  return readRichText(el);
}

export function writeInline(runs: RichText): XmlNode[] {
  if (typeof runs === "string") return runs === "" ? [] : [runs];
  return runs.map((run): XmlNode => {
    if (typeof run === "string") return run;
    if (run.type === "raw") return fromRaw(run);
    return element(run.tag, { ...run.attributes }, writeInline(run.content), true);
  });
}

/** A label element such as <ArticleTitle>第一条</ArticleTitle>. */
export function labelElement(tag: string, text: RichText, attributes: Record<string, string> = {}): XmlElement {
  return element(tag, attributes, writeInline(text), true);
}

type PlainTextSource = RichText | Inline | SentenceBlock | readonly SentenceBlock[];

/**
 * The words a reader sees, for display and search: ruby readings (Rt) are left out so
 * 「絆（きずな）」 reads 絆, raw XML is reduced to its text, and columns — which e-Gov
 * shows separated by a space — are joined with an ideographic space.
 */
export function plainText(source: PlainTextSource): string {
  if (typeof source === "string") return source;
  if (Array.isArray(source)) {
    const parts = source as readonly (Inline | SentenceBlock)[];
    return parts
      .map((part, i) => {
        const text = plainText(part);
        const columnPair = isColumn(part) && i > 0 && isColumn(parts[i - 1]);
        return columnPair ? `　${text}` : text;
      })
      .join("");
  }
  const node = source as Exclude<PlainTextSource, string | readonly unknown[]>;
  switch (node.type) {
    case "inline":
      return node.tag === "Rt" ? "" : plainText(node.content);
    case "raw":
      return rawText(node.xml);
    case "sentence":
      return plainText(node.content);
    case "column":
      return node.sentences.map((sentence) => plainText(sentence)).join("");
  }
}

function isColumn(part: Inline | SentenceBlock): boolean {
  return typeof part === "object" && part.type === "column";
}

function rawText(xml: string): string {
  return xml
    .replace(/<Rt(?:\s[^>]*)?>[\s\S]*?<\/Rt>/g, "")
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g, (_, dec, hex, name: string) =>
      dec || hex
        ? String.fromCodePoint(dec ? Number(dec) : parseInt(hex, 16))
        : { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[name as "amp"],
    );
}
