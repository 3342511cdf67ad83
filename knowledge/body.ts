import { createHash } from "node:crypto";

// A record's body is written in a small Markdown subset: "#", "##" and "###" headings
// start sections, blank lines separate paragraphs, "- " / "・" start bullets and "1. "
// numbered lines. Nothing else is interpreted, and nothing is ever HTML.

export type Block =
  | { type: "paragraph"; text: string }
  | { type: "bullets"; items: string[] }
  | { type: "numbered"; items: { number: string; text: string }[] };

export interface BodySection {
  /** Stable within a record: derived from the heading text, so edits elsewhere keep links. */
  anchor: string;
  parentAnchor: string | null;
  depth: number;
  kind: "preamble" | "heading";
  /** How people cite it: the heading text. */
  locator: string;
  caption: string | null;
  blocks: Block[];
  /** Plain text of the section, for search and previews. */
  text: string;
}

const HEADING = /^(#{1,3})\s+(.+?)\s*#*\s*$/;
const BULLET = /^\s*(?:[-*・●○■◆]\s*)(.+)$/;
const NUMBERED = /^\s*(\d{1,3}|[０-９]{1,3})[.．、)）]\s*(.+)$/;

function anchorFor(heading: string, seen: Map<string, number>): string {
  const digest = createHash("sha1").update(heading.normalize("NFKC")).digest("hex").slice(0, 8);
  const count = (seen.get(digest) ?? 0) + 1;
  seen.set(digest, count);
  return count === 1 ? `h-${digest}` : `h-${digest}-${count}`;
}

export function parseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: "paragraph", text: paragraph.join("\n") });
    paragraph = [];
  };
  for (const line of lines) {
    if (!line.trim()) {
      flush();
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const last = blocks[blocks.length - 1];
    if (bullet) {
      flush();
      if (last?.type === "bullets") last.items.push(bullet[1]!);
      else blocks.push({ type: "bullets", items: [bullet[1]!] });
    } else if (numbered) {
      flush();
      const item = { number: numbered[1]!, text: numbered[2]! };
      if (last?.type === "numbered") last.items.push(item);
      else blocks.push({ type: "numbered", items: [item] });
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

export function blocksToText(blocks: Block[]): string {
  return blocks
    .map((b) =>
      b.type === "paragraph"
        ? b.text
        : b.type === "bullets"
          ? b.items.map((i) => `・${i}`).join("\n")
          : b.items.map((i) => `${i.number}. ${i.text}`).join("\n"),
    )
    .join("\n");
}

/** Splits a body into its sections; text before the first heading is the preamble. */
export function parseBody(source: string): BodySection[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const sections: BodySection[] = [];
  const seen = new Map<string, number>();
  const stack: { depth: number; anchor: string }[] = [];
  let current: { head: Omit<BodySection, "blocks" | "text">; lines: string[] } = {
    head: { anchor: "top", parentAnchor: null, depth: 0, kind: "preamble", locator: "冒頭", caption: null },
    lines: [],
  };
  const close = () => {
    const blocks = parseBlocks(current.lines);
    if (current.head.kind === "heading" || blocks.length) {
      sections.push({ ...current.head, blocks, text: blocksToText(blocks) });
    }
  };
  for (const line of lines) {
    const heading = HEADING.exec(line);
    if (!heading) {
      current.lines.push(line);
      continue;
    }
    close();
    const depth = heading[1]!.length;
    const title = heading[2]!.trim();
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const anchor = anchorFor(title, seen);
    current = {
      head: {
        anchor,
        parentAnchor: stack[stack.length - 1]?.anchor ?? null,
        depth,
        kind: "heading",
        locator: title,
        caption: null,
      },
      lines: [],
    };
    stack.push({ depth, anchor });
  }
  close();
  return sections;
}
