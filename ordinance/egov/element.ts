import { describePlace, EGOV_XML_ERROR_CODES, EgovXmlError } from "./errors";
import type { Attributes, RawNode } from "./law-tree";
import { isElement, writeXml, type XmlElement, type XmlNode } from "./xml-node";

// Shared by every construct's reader and writer: picking children in schema order,
// typed attributes, raw nodes, and errors that point at a line.

const SCHEMA_ADVICE = "e-Gov 法令標準XML（v3）の形式になっているか確認してください。";

function at(element: XmlElement): string {
  const place = describePlace(element.line);
  return place ? `${place}の` : "";
}

export function unexpected(parent: XmlElement, what: string): EgovXmlError {
  return new EgovXmlError(
    EGOV_XML_ERROR_CODES.unexpectedContent,
    `${at(parent)}<${parent.tag}>の中に${what}があります。この位置には置けない内容です。${SCHEMA_ADVICE}`,
    { line: parent.line },
  );
}

export function missing(parent: XmlElement, tag: string): EgovXmlError {
  return new EgovXmlError(
    EGOV_XML_ERROR_CODES.missingElement,
    `${at(parent)}<${parent.tag}>に必要な<${tag}>要素がありません。${SCHEMA_ADVICE}`,
    { line: parent.line },
  );
}

/**
 * The element children of an element-only element, checked against the schema: each tag
 * must have a rank and ranks may not go down (so nothing would be reordered on writing),
 * and whitespace between them is layout. Any other text is refused.
 */
export function orderedChildren(parent: XmlElement, ranks: Readonly<Record<string, number>>): XmlElement[] {
  const children: XmlElement[] = [];
  let rank = -Infinity;
  for (const child of parent.children) {
    if (!isElement(child)) {
      if (typeof child === "string" && child.trim() === "") continue;
      throw unexpected(parent, "文字列");
    }
    const own = Object.hasOwn(ranks, child.tag) ? ranks[child.tag] : undefined;
    if (own === undefined) throw unexpected(parent, `<${child.tag}>要素`);
    if (own < rank) throw unexpected(parent, `順序の誤った<${child.tag}>要素`);
    rank = own;
    children.push(child);
  }
  return children;
}

/** The one child named `tag`, refusing a second. */
export function single(parent: XmlElement, children: readonly XmlElement[], tag: string): XmlElement | undefined {
  const found = children.filter((child) => child.tag === tag);
  if (found.length > 1) throw unexpected(parent, `2つ目の<${tag}>要素`);
  return found[0];
}

export function required(parent: XmlElement, children: readonly XmlElement[], tag: string): XmlElement {
  const found = single(parent, children, tag);
  if (!found) throw missing(parent, tag);
  return found;
}

/**
 * Reads attributes into typed fields one by one; whatever is not taken, or has a value the
 * typed field cannot hold (Delete="1"), stays in `rest()` so it is written back unchanged.
 */
export class AttributeReader {
  private readonly remaining: Record<string, string>;

  constructor(private readonly element: XmlElement) {
    this.remaining = { ...element.attributes };
  }

  string(name: string): string | undefined {
    const value = this.remaining[name];
    delete this.remaining[name];
    return value;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined) {
      throw new EgovXmlError(
        EGOV_XML_ERROR_CODES.missingElement,
        `${at(this.element)}<${this.element.tag}>に必要な${name}属性がありません。${SCHEMA_ADVICE}`,
        { line: this.element.line },
      );
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.oneOf(name, ["true", "false"] as const);
    return value === undefined ? undefined : value === "true";
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.remaining[name];
    if (value === undefined || !(values as readonly string[]).includes(value)) return undefined;
    delete this.remaining[name];
    return value as T;
  }

  rest(): Attributes | undefined {
    return Object.keys(this.remaining).length > 0 ? { ...this.remaining } : undefined;
  }
}

/**
 * Attributes for writing: typed fields (undefined skipped, booleans as "true"/"false") and
 * the kept rest, in name order, which is the order e-Gov writes them in.
 */
export function attributesOf(
  typed: Readonly<Record<string, string | boolean | undefined>>,
  rest?: Attributes,
): Record<string, string> {
  const all: Record<string, string> = { ...rest };
  for (const [name, value] of Object.entries(typed)) {
    if (value !== undefined) all[name] = String(value);
  }
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Only the fields that are set, so a parsed tree has no `key: undefined` noise. */
export function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

export function toRaw(element: XmlElement): RawNode {
  return { type: "raw", tag: element.tag, xml: writeXml(element) };
}

export function fromRaw(node: RawNode): XmlNode {
  return { raw: node.xml };
}

export function element(
  tag: string,
  attributes: Record<string, string>,
  children: readonly XmlNode[],
  mixed?: boolean,
): XmlElement {
  return mixed ? { tag, attributes, children, mixed } : { tag, attributes, children };
}

/** An optional list field: undefined rather than [] so parsed trees stay minimal. */
export function nonEmpty<T>(list: readonly T[]): readonly T[] | undefined {
  return list.length > 0 ? list : undefined;
}
