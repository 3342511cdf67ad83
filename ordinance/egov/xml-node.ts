import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describePlace, EGOV_XML_ERROR_CODES, EgovXmlError, MAX_EGOV_XML_DEPTH } from "./errors";
import { lineAt } from "./guard";

/**
 * A minimal ordered XML tree between fast-xml-parser and the law tree: elements keep
 * attribute and child order, text is decoded, comments and processing instructions are
 * gone. `raw` is already-serialized XML written out verbatim.
 */
export interface XmlElement {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  /** 1-based source line, for error messages. */
  readonly line?: number;
  /** Mixed content (text with markup): the writer must not indent inside it. */
  readonly mixed?: boolean;
}
export interface XmlRaw {
  readonly raw: string;
}
export type XmlNode = string | XmlElement | XmlRaw;

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node === "object" && "tag" in node;
}

// Entities stay off: fast-xml-parser would otherwise expand them, and decodeText below
// accepts only the five predefined ones and character references.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false, // String.trim would eat the ideographic spaces (　) statutes use
  processEntities: false,
  htmlEntities: false,
  cdataPropName: "#cdata",
  ignoreDeclaration: true,
  ignorePiTags: true,
  captureMetaData: true,
  maxNestedTags: MAX_EGOV_XML_DEPTH + 1,
});
// Typed as the Symbol wrapper object; at run time it is a symbol primitive.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type FxpNode = Record<string | symbol, unknown>;

/** Parses well-formed XML into its single root element; refuses anything malformed. */
export function readXml(xml: string): XmlElement {
  const verdict = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    throw malformed(line, col, msg);
  }
  let parsed: FxpNode[];
  try {
    parsed = parser.parse(xml) as FxpNode[];
  } catch (error) {
    throw malformed(undefined, undefined, error instanceof Error ? error.message : String(error));
  }
  const roots = parsed.flatMap((node) => convert(node, xml));
  const elements = roots.filter(isElement);
  if (elements.length !== 1 || roots.some((node) => typeof node === "string" && node.trim() !== "")) {
    throw malformed(undefined, undefined, "expected exactly one root element");
  }
  return elements[0];
}

function malformed(line: number | undefined, column: number | undefined, detail: string): EgovXmlError {
  const place = describePlace(line, column);
  return new EgovXmlError(
    EGOV_XML_ERROR_CODES.malformed,
    `${place ? `${place}で` : ""}XMLの書き方に誤りがあるため読み込めません。` +
      "タグの閉じ忘れや「&」「<」のエスケープ漏れがないか確認するか、e-Gov 法令検索から取得し直してください。",
    { line, column, detail },
  );
}

function convert(node: FxpNode, source: string, parentLine?: number): XmlNode[] {
  if ("#text" in node) return [decodeText(String(node["#text"]), parentLine)];
  if ("#cdata" in node) {
    const inner = node["#cdata"] as FxpNode[];
    return inner.map((part) => String(part["#text"] ?? ""));
  }
  if ("#comment" in node) return [];
  const tag = Object.keys(node).find((key) => key !== ":@");
  if (tag === undefined) return [];
  const meta = node[META] as { startIndex?: number } | undefined;
  const line = meta?.startIndex === undefined ? parentLine : lineAt(source, meta.startIndex);
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries((node[":@"] ?? {}) as Record<string, unknown>)) {
    attributes[name] = decodeText(String(value), line);
  }
  const children = mergeText((node[tag] as FxpNode[]).flatMap((child) => convert(child, source, line)));
  return [{ tag, attributes, children, ...(line === undefined ? {} : { line }) }];
}

/** Joins neighbouring text (split by CDATA or a dropped comment) so a re-read tree is equal. */
function mergeText(nodes: XmlNode[]): XmlNode[] {
  const merged: XmlNode[] = [];
  for (const node of nodes) {
    const last = merged[merged.length - 1];
    if (typeof node === "string" && typeof last === "string") merged[merged.length - 1] = last + node;
    else if (node !== "") merged.push(node);
  }
  return merged;
}

// A Map, not an object literal: "&constructor;" must not find Object.prototype.constructor.
const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
]);

function decodeText(text: string, line?: number): string {
  if (!text.includes("&")) return text;
  return text.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    const value = whole.endsWith(";") ? PREDEFINED.get(name) ?? characterReference(name) : undefined;
    if (value === undefined) throw undefinedEntity(whole, line);
    return value;
  });
}

function undefinedEntity(reference: string, line?: number): EgovXmlError {
  const place = describePlace(line);
  return new EgovXmlError(
    EGOV_XML_ERROR_CODES.malformed,
    `${place ? `${place}付近に` : ""}定義されていない実体参照「${reference.slice(0, 20)}」があります。` +
      "法令XMLで使えるのは &amp; &lt; &gt; &quot; &apos; と数値文字参照だけです。e-Gov 法令検索から取得し直してください。",
    { line, detail: `undefined entity ${reference}` },
  );
}

function characterReference(name: string): string | undefined {
  const match = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
  if (!match) return undefined;
  const code = match[1] !== undefined ? parseInt(match[1], 16) : Number(match[2]);
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : undefined;
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" };

export function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (ch) => TEXT_ESCAPES[ch]);
}

// Tabs and line breaks are written as references so attribute-value normalisation cannot
// turn them into spaces on the next read.
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (ch) => ATTRIBUTE_ESCAPES[ch]);
}

/**
 * Writes a node. With `indent`, element-only content goes one child per line; mixed content
 * and raw XML are written as they are, since whitespace there is part of the text.
 */
export function writeXml(node: XmlNode, indent = "", depth = 0): string {
  if (typeof node === "string") return escapeText(node);
  if (!isElement(node)) return node.raw;
  const attributes = Object.entries(node.attributes)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join("");
  if (node.children.length === 0) return `<${node.tag}${attributes}/>`;
  const pretty = indent !== "" && !node.mixed;
  const inner = pretty
    ? node.children.map((child) => `\n${indent.repeat(depth + 1)}${writeXml(child, indent, depth + 1)}`).join("") +
      `\n${indent.repeat(depth)}`
    : node.children.map((child) => writeXml(child)).join("");
  return `<${node.tag}${attributes}>${inner}</${node.tag}>`;
}
