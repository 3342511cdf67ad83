import type { Node } from "prosemirror-model";
import type { RawNode } from "../egov";
import type { NumberingStyle } from "../numbering";
import { outline, type OutlineEntry } from "../model/outline";
import { escapeXml } from "./egov-text";

// The e-Gov TOC element, generated from the outline rather than stored: the 目次 restates
// the chapter titles and article ranges, so it is rebuilt from them on every export.

const TOC_TAGS: Readonly<Record<string, string>> = {
  chapter: "TOCChapter",
  section: "TOCSection",
  subsection: "TOCSubsection",
};
const TITLE_TAGS: Readonly<Record<string, string>> = {
  chapter: "ChapterTitle",
  section: "SectionTitle",
  subsection: "SubsectionTitle",
};

const el = (tag: string, inner: string, attributes = ""): string =>
  inner === "" ? `<${tag}${attributes}/>` : `<${tag}${attributes}>${inner}</${tag}>`;

/**
 * <TOC>: 目次, 前文 when there is one, each chapter, section and subsection with its article
 * range (a container split into sections gives none, as e-Gov writes it), the articles of a
 * law without chapters, and one 附則 line however many 附則 there are.
 */
export function tocRaw(doc: Node, style: NumberingStyle): RawNode {
  const entries = outline(doc, style).filter((entry) => !entry.supplementary);
  const top = entries.filter((entry) => entry.depth === 0 && entry.kind !== "supplProvision");
  let hasPreamble = false;
  doc.forEach((child) => {
    if (child.type.name === "preamble") hasPreamble = true;
  });
  const parts = [
    el("TOCLabel", "目次"),
    ...(hasPreamble ? [el("TOCPreambleLabel", "前文")] : []),
    ...top.map((entry) => tocEntry(entry, entries)),
    ...(entries.some((entry) => entry.kind === "supplProvision")
      ? [el("TOCSupplProvision", el("SupplProvisionLabel", "附則"))]
      : []),
  ];
  return { type: "raw", tag: "TOC", xml: el("TOC", parts.join("")) };
}

function tocEntry(entry: OutlineEntry, all: readonly OutlineEntry[]): string {
  const num = ` Num="${escapeXml(entry.num ?? "")}"`;
  if (entry.kind === "article") {
    const caption = entry.title ? el("ArticleCaption", escapeXml(`（${entry.title}）`)) : "";
    return el("TOCArticle", el("ArticleTitle", escapeXml(entry.label)) + caption, num);
  }
  const title = entry.label && entry.title ? `${entry.label}　${entry.title}` : entry.label || entry.title;
  const children = childrenOf(entry, all).map((child) => tocEntry(child, all));
  const range = entry.hasSubdivisions || !entry.range ? "" : el("ArticleRange", escapeXml(entry.range));
  return el(TOC_TAGS[entry.kind], el(TITLE_TAGS[entry.kind], escapeXml(title)) + range + children.join(""), num);
}

/** The sections right under a chapter (or subsections under a section), in order. */
function childrenOf(entry: OutlineEntry, all: readonly OutlineEntry[]): OutlineEntry[] {
  const start = all.indexOf(entry);
  const children: OutlineEntry[] = [];
  for (const next of all.slice(start + 1)) {
    if (next.depth <= entry.depth) break;
    if (next.depth === entry.depth + 1 && next.kind !== "article") children.push(next);
  }
  return children;
}
