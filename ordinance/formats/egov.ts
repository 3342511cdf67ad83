import type { Node } from "prosemirror-model";
import {
  parseEgovXml,
  plainText,
  serializeEgovXml,
  type Appendix,
  type Attributes,
  type LawAttributes,
  type LawDocument,
  type ProvisionNode,
  type RichText,
  type SerializeEgovXmlOptions,
  type SupplProvision,
} from "../egov";
import { parseUnitLabel, type NumberingStyle } from "../numbering";
import { newId } from "../model/ids";
import { documentStyle, numberingCursor } from "../model/numbering";
import { ordinanceSchema as schema } from "../model/schema";
import {
  readParagraph,
  readProvisions,
  Sequence,
  writeParagraph,
  writeProvisions,
  type WriteContext,
} from "./egov-provisions";
import { rawBlockNode, rawOf } from "./egov-text";
import { tocRaw } from "./egov-toc";

// A draft ⇄ e-Gov's LawDocument tree, and so ⇄ 法令標準XML through ordinance/egov. What the
// draft does not hold (law number, Law attributes, the title's reading) travels as LawMeta
// beside it. Numbers and titles are written from the numbering walk; the TOC is regenerated.

/** What the e-Gov text says about the law as a whole, kept beside the draft rather than in it. */
export interface LawMeta {
  /** The style to number and write in; the draft's own `style` attribute by default. */
  readonly style?: NumberingStyle;
  readonly lawNum?: string;
  /** Law element attributes (Era, Year, Num, LawType, Lang …); LawType defaults to Misc, as for every 条例. */
  readonly attributes?: LawAttributes;
  /** LawTitle's Kana, Abbrev, AbbrevKana. */
  readonly titleAttributes?: Attributes;
  readonly lawBodyAttributes?: Attributes;
  readonly mainProvisionAttributes?: Attributes;
  /** 制定文. */
  readonly enactStatements?: readonly RichText[];
}

export interface LawDocumentToDocOptions {
  /** Id factory, for tests that want stable ids. */
  readonly makeId?: () => string;
}

/** The parts of a LawDocument that the draft itself does not hold. */
export function lawMetaOf(law: LawDocument): LawMeta {
  return withoutUndefined({
    lawNum: law.lawNum,
    attributes: law.attributes,
    titleAttributes: law.titleAttributes,
    lawBodyAttributes: law.lawBodyAttributes,
    mainProvisionAttributes: law.mainProvisionAttributes,
    enactStatements: law.enactStatements,
  });
}

/**
 * A LawDocument as a draft. Refused with a RangeError (Japanese message) when its shape has
 * no place in the schema: 編 or 目, a 本則 of bare paragraphs, articles beside chapters.
 */
export function lawDocumentToDoc(law: LawDocument, options: LawDocumentToDocOptions = {}): Node {
  const style = styleOf(law);
  const ctx = { style, makeId: options.makeId ?? newId };
  const writingMode = firstWritingMode(law);
  const preamble = law.preamble ?? [];
  const paragraphs = new Sequence();
  const doc = schema.nodes.doc.create(
    { style, writingMode: writingMode && writingMode !== style ? writingMode : null },
    [
      schema.nodes.title.create(null, plainText(law.title) ? schema.text(plainText(law.title)) : []),
      ...(law.toc ? [schema.nodes.toc.create()] : []),
      ...(preamble.length > 0
        ? [
            schema.nodes.preamble.create(
              null,
              preamble.map((p) => readParagraph(p, paragraphs.take(p.num), ctx, false))
            ),
          ]
        : []),
      schema.nodes.mainProvision.create(null, readProvisions(law.main, "mainProvision", ctx)),
      ...law.supplProvisions.map((suppl) =>
        schema.nodes.supplProvision.create(
          {
            id: ctx.makeId(),
            label: plainText(suppl.label),
            amendLawNum: suppl.amendLawNum ?? null,
            extract: suppl.extract ?? false,
          },
          [...readProvisions(suppl.children, "supplProvision", ctx), ...(suppl.appendices ?? []).map(rawBlockNode)]
        )
      ),
      ...(law.appendices ?? []).map(rawBlockNode),
    ]
  );
  try {
    doc.check();
  } catch {
    // An empty 本則 or a container with nothing in it: e-Gov allows what a draft cannot hold.
    throw new RangeError(
      "法令XMLの構成が条例案の形式に合いません。本則に条があり、章・節・款がそれぞれ条を含んでいるか確認してください。"
    );
  }
  return doc;
}

/** A draft as a LawDocument, ready for serializeEgovXml. */
export function docToLawDocument(doc: Node, meta: LawMeta = {}): LawDocument {
  const style = meta.style ?? documentStyle(doc);
  const ctx = writeContext(doc, style);
  const attributes: Record<string, string | undefined> = { ...meta.attributes };
  attributes.LawType ??= "Misc";
  attributes.Lang ??= "ja";
  let preamble: LawDocument["preamble"];
  let main: ProvisionNode[] = [];
  const supplProvisions: SupplProvision[] = [];
  const appendices: Appendix[] = [];
  doc.forEach((child) => {
    const name = child.type.name;
    if (name === "preamble") preamble = writeProvisions(child, ctx) as LawDocument["preamble"];
    else if (name === "mainProvision") main = writeProvisions(child, ctx);
    else if (name === "supplProvision") supplProvisions.push(writeSupplProvision(child, ctx));
    else if (name === "raw") appendices.push(rawOf(child));
  });
  return withoutUndefined({
    lawNum: meta.lawNum,
    attributes: attributes as LawAttributes,
    title: doc.firstChild?.textContent ?? "",
    titleAttributes: meta.titleAttributes,
    lawBodyAttributes: meta.lawBodyAttributes,
    enactStatements: meta.enactStatements,
    toc: hasToc(doc) ? tocRaw(doc, style) : undefined,
    preamble,
    mainProvisionAttributes: meta.mainProvisionAttributes,
    main,
    supplProvisions,
    appendices: appendices.length > 0 ? appendices : undefined,
  });
}

/** 法令標準XML → a draft and the law-level facts to keep beside it. */
export function egovXmlToDoc(xml: string, options: LawDocumentToDocOptions = {}): { doc: Node; meta: LawMeta } {
  const law = parseEgovXml(xml);
  return { doc: lawDocumentToDoc(law, options), meta: lawMetaOf(law) };
}

/** A draft → 法令標準XML. */
export function docToEgovXml(doc: Node, meta: LawMeta = {}, options: SerializeEgovXmlOptions = {}): string {
  return serializeEgovXml(docToLawDocument(doc, meta), options);
}

function writeSupplProvision(node: Node, ctx: WriteContext): SupplProvision {
  const info = ctx.next(node);
  const appendices: ReturnType<typeof rawOf>[] = [];
  node.forEach((child) => {
    if (child.type.name === "raw") appendices.push(rawOf(child));
  });
  return withoutUndefined({
    type: "supplProvision",
    label: info.label,
    amendLawNum: (node.attrs.amendLawNum as string | null) ?? undefined,
    extract: node.attrs.extract ? true : undefined,
    children: writeProvisions(node, ctx),
    appendices: appendices.length > 0 ? appendices : undefined,
  });
}

function writeContext(doc: Node, style: NumberingStyle): WriteContext {
  return { writingMode: (doc.attrs.writingMode as string | null) ?? style, next: numberingCursor(doc, style) };
}

function hasToc(doc: Node): boolean {
  let found = false;
  doc.forEach((child) => {
    if (child.type.name === "toc") found = true;
  });
  return found;
}

/** The numeral style of the source: its first article title, else its writing mode; e-Gov's default is vertical. */
function styleOf(law: LawDocument): NumberingStyle {
  const article = firstArticle([...law.main, ...law.supplProvisions.flatMap((s) => s.children)]);
  const fromTitle = article ? parseUnitLabel(plainText(article.title))?.style : undefined;
  return fromTitle ?? (firstWritingMode(law) === "horizontal" ? "horizontal" : "vertical");
}

function firstArticle(nodes: readonly ProvisionNode[]): Extract<ProvisionNode, { type: "article" }> | undefined {
  for (const node of nodes) {
    if (node.type === "article") return node;
    if (node.type === "container") {
      const found = firstArticle(node.children);
      if (found) return found;
    }
  }
  return undefined;
}

function firstWritingMode(law: LawDocument): string | undefined {
  const visit = (nodes: readonly ProvisionNode[]): string | undefined => {
    for (const node of nodes) {
      const paragraphs = node.type === "article" ? node.paragraphs : node.type === "paragraph" ? [node] : [];
      for (const paragraph of paragraphs) {
        for (const block of paragraph.sentences) {
          const sentence = block.type === "column" ? block.sentences[0] : block.type === "sentence" ? block : undefined;
          if (sentence) return sentence.writingMode;
        }
      }
      if (node.type === "container") {
        const found = visit(node.children);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit([...law.main, ...law.supplProvisions.flatMap((s) => s.children)]);
}

function withoutUndefined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}
