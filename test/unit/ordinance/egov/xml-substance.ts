import { XMLParser } from "fast-xml-parser";

// "Same in substance": the sequence of start tags (attributes sorted by name), text and end
// tags, with XML whitespace collapsed and whitespace-only text dropped. Read with
// fast-xml-parser directly, not with the code under test, so the two cannot share a bug.
// Attribute order is left out on purpose: the writer puts attributes in name order.

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type Node = Record<string, unknown>;

// Only XML's own whitespace: the ideographic space (　) is part of the text.
const normalise = (text: string) => text.replace(/[ \t\r\n]+/g, " ").trim();

export function xmlEvents(xml: string): string[] {
  const events: string[] = [];
  let text = "";
  const flush = () => {
    const normalised = normalise(text);
    if (normalised) events.push(`"${normalised}"`);
    text = "";
  };
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if ("#text" in node) {
        text += String(node["#text"]);
        continue;
      }
      const tag = Object.keys(node).find((key) => key !== ":@");
      if (tag === undefined || tag === "#comment") continue;
      flush();
      const attributes = Object.entries((node[":@"] ?? {}) as Record<string, string>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, value]) => ` ${name}="${value}"`)
        .join("");
      events.push(`<${tag}${attributes}>`);
      walk(node[tag] as Node[]);
      flush();
      events.push(`</${tag}>`);
    }
  };
  walk(parser.parse(xml) as Node[]);
  return events;
}
