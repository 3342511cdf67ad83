import {
  listProvisions,
  plainText,
  type Article,
  type Item,
  type LawDocument,
  type Paragraph,
  type ProvisionEntry,
  type Subitem,
} from "../ordinance/egov";
import { ERAS } from "../search/wareki";
import type { SectionRow } from "./records";

// An e-Gov law as a knowledge-base record: chapters and 附則 become headings; every
// article, paragraph and item becomes a provision row with the anchor and citation that
// links, decisions and search hits share. Row text starts with the printed label
// (第一条, ２, 一, イ), so a provision reads as it does on paper.

export interface LawRecord {
  title: string;
  lawNum: string | null;
  promulgated: string | null;
  sections: SectionRow[];
  /** Plain rendering of the whole law, for search and export. */
  bodyText: string;
  articleCount: number;
}

const ERA_NAMES: Record<string, string> = { Meiji: "明治", Taisho: "大正", Showa: "昭和", Heisei: "平成", Reiwa: "令和" };

function promulgationDate(doc: LawDocument): string | null {
  const { Era, Year, PromulgateMonth, PromulgateDay } = doc.attributes;
  const era = ERAS.find((e) => e.name === ERA_NAMES[Era ?? ""]);
  if (!era || !Year || !PromulgateMonth || !PromulgateDay) return null;
  const year = era.firstYear + Number(Year) - 1;
  const pad = (v: string) => v.padStart(2, "0");
  return `${year}-${pad(PromulgateMonth)}-${pad(PromulgateDay)}`;
}

const sentences = (node: { sentences: Paragraph["sentences"] }) => plainText(node.sentences);
const withLabel = (label: string, text: string) => (label ? `${label}　${text}` : text);

function provisionText(entry: ProvisionEntry): { text: string; caption: string | null } {
  switch (entry.kind) {
    case "article": {
      const article = entry.node as Article;
      const first = article.paragraphs[0];
      return {
        text: withLabel(plainText(article.title), first ? sentences(first) : ""),
        caption: article.caption ? plainText(article.caption) : null,
      };
    }
    case "paragraph": {
      const paragraph = entry.node as Paragraph;
      return { text: withLabel(plainText(paragraph.paragraphNum), sentences(paragraph)), caption: paragraph.caption ? plainText(paragraph.caption) : null };
    }
    default: {
      const node = entry.node as Item | Subitem;
      return { text: withLabel(node.title ? plainText(node.title) : "", sentences(node)), caption: null };
    }
  }
}

/** Whether a paragraph row only repeats what its article row already shows. */
function isFirstParagraphOfArticle(entry: ProvisionEntry, previous: ProvisionEntry | undefined): boolean {
  return entry.kind === "paragraph" && previous?.kind === "article" && entry.parentAnchor === previous.anchor;
}

export function lawToRecord(doc: LawDocument): LawRecord {
  const sections: SectionRow[] = [];
  const headings = new Set<string>();
  let previous: ProvisionEntry | undefined;
  let articleCount = 0;
  for (const entry of listProvisions(doc)) {
    // Headings for the chapters, sections … and 附則 the provision sits in, once each.
    const scope = entry.supplProvision ? [`s${entry.supplProvision.index}`] : [];
    const suppl = entry.supplProvision ? doc.supplProvisions[entry.supplProvision.index - 1] : undefined;
    if (suppl && !headings.has(scope[0]!)) {
      headings.add(scope[0]!);
      const label = plainText(suppl.label) + (suppl.amendLawNum ? `（${suppl.amendLawNum}）` : "");
      sections.push({ anchor: scope[0]!, parentAnchor: null, depth: 1, kind: "suppl", locator: label, caption: null, text: "" });
    }
    entry.path.forEach((step, level) => {
      const anchor = [...scope, ...entry.path.slice(0, level + 1).map((s) => `${s.kind}${s.num}`)].join("-");
      if (headings.has(anchor)) return;
      headings.add(anchor);
      sections.push({ anchor, parentAnchor: null, depth: level + 1, kind: step.kind, locator: step.title, caption: null, text: "" });
    });
    if (entry.kind === "article" && !entry.supplProvision) articleCount++;
    if (!isFirstParagraphOfArticle(entry, previous)) {
      const { text, caption } = provisionText(entry);
      const depth = entry.path.length + { article: 1, paragraph: 2, item: 3, subitem: 4 }[entry.kind];
      sections.push({ anchor: entry.anchor, parentAnchor: entry.parentAnchor ?? null, depth, kind: entry.kind, locator: entry.locator, caption, text });
    }
    previous = entry;
  }
  const bodyText = sections
    .map((s) => (s.text ? [s.caption, s.text].filter(Boolean).join("\n") : `\n${s.locator}`))
    .join("\n")
    .trim();
  return { title: plainText(doc.title), lawNum: doc.lawNum ?? null, promulgated: promulgationDate(doc), sections, bodyText, articleCount };
}
