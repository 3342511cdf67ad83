// Reads the HTML mammoth writes for a Word document back into blocks. This is not a
// general HTML parser and need not be one: mammoth emits a small, well-formed set of
// tags and escapes all text, so a tag scanner suffices and no markup can reach our text.

import type { Block } from "./assemble";

export interface DocxBlocks {
  blocks: Block[];
  title?: string;
}

const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g;
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
// Inside a table cell these only separate words; inline tags such as <strong> separate nothing.
const BLOCK_TAG = /^(?:p|br|li|ul|ol|tr|td|th|h[1-6])$/;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function htmlToBlocks(html: string): DocxBlocks {
  const blocks: Block[] = [];
  let title: string | undefined;
  let text = "";
  let headingLevel = 0;
  let isTitle = false;
  let listDepth = 0;
  let listItems: string[] = [];
  // Nested tables are read as text inside the outer cell.
  let tableDepth = 0;
  let row: string[] = [];
  let rows: string[] = [];

  const takeText = () => {
    const taken = text.trim();
    text = "";
    return taken;
  };
  const endListItem = () => {
    const item = takeText();
    if (item) listItems.push(`${"\u3000".repeat(Math.max(listDepth - 1, 0))}・${item}`);
  };

  for (const match of html.matchAll(TOKEN)) {
    const [, slash, rawName, attributes, content] = match;
    if (content !== undefined) {
      text += decodeEntities(content);
      continue;
    }
    const name = rawName.toLowerCase();
    const closing = slash === "/";
    if (name === "table") {
      tableDepth += closing ? -1 : 1;
      if (closing && tableDepth === 0) {
        const table = rows.filter((line) => line.trim() !== "").join("\n");
        if (table) blocks.push({ kind: "body", text: table });
        rows = [];
      }
    } else if (tableDepth > 0) {
      const outer = tableDepth === 1;
      if (outer && name === "tr" && !closing) row = [];
      else if (outer && name === "tr") rows.push(row.join("\t"));
      else if (outer && closing && (name === "td" || name === "th"))
        row.push(takeText().replace(/\s+/g, " "));
      else if (BLOCK_TAG.test(name)) text += " ";
    } else if (/^h[1-6]$/.test(name)) {
      if (!closing) headingLevel = Number(name[1]);
      else {
        const heading = takeText();
        if (heading) blocks.push({ kind: "heading", level: headingLevel, text: heading });
      }
    } else if (name === "p") {
      if (!closing) isTitle = /class="[^"]*\btitle\b/.test(attributes);
      else {
        const paragraph = takeText();
        if (paragraph && isTitle) title ??= paragraph;
        if (paragraph) blocks.push({ kind: "body", text: paragraph });
      }
    } else if (name === "br") {
      text += "\n";
    } else if (name === "ul" || name === "ol") {
      if (!closing) {
        endListItem();
        listDepth++;
      } else if (--listDepth === 0) {
        endListItem();
        if (listItems.length) blocks.push({ kind: "body", text: listItems.join("\n") });
        listItems = [];
      }
    } else if (name === "li") {
      endListItem();
    }
  }
  return { blocks, ...(title ? { title } : {}) };
}

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (_, decimal: string, hex: string, named: string) => {
    if (named) return NAMED[named];
    const code = decimal ? Number(decimal) : parseInt(hex, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : "\uFFFD";
  });
}
