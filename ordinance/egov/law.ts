import { provisionRanks, readProvisionNodes, writeProvisionNode } from "./container";
import { defined, element, fromRaw, nonEmpty, orderedChildren, required, single, toRaw, unexpected } from "./element";
import { describePlace, EGOV_XML_ERROR_CODES, EgovXmlError } from "./errors";
import { assertSafeXmlInput } from "./guard";
import { labelElement, readLabel, readRichText } from "./inline";
import type { Appendix, LawAttributes, LawDocument, SupplProvision } from "./law-tree";
import { readParagraph, writeParagraph } from "./paragraph";
import { readSupplProvision, writeSupplProvision } from "./suppl-provision";
import { readXml, writeXml, type XmlElement, type XmlNode } from "./xml-node";

// The whole law both ways: Law > LawNum, LawBody > LawTitle … MainProvision, 附則, 別表.

const APPENDIX_TAGS = ["AppdxTable", "AppdxNote", "AppdxStyle", "Appdx", "AppdxFig", "AppdxFormat"];

const BODY_RANKS: Readonly<Record<string, number>> = {
  LawTitle: 0,
  EnactStatement: 1,
  TOC: 2,
  Preamble: 3,
  MainProvision: 4,
  SupplProvision: 5,
  ...Object.fromEntries(APPENDIX_TAGS.map((tag) => [tag, 5])),
};

/**
 * Reads an e-Gov 法令標準XML text. Hostile or foreign input (a DTD, over 20 MB, nesting over
 * 64, not XML, a root other than <Law>, no LawBody or LawTitle) is refused with an
 * EgovXmlError before or while parsing; nothing is fetched and no entity is expanded.
 */
export function parseEgovXml(xml: string): LawDocument {
  assertSafeXmlInput(xml);
  const law = readXml(xml);
  if (law.tag !== "Law") {
    const place = describePlace(law.line);
    throw new EgovXmlError(
      EGOV_XML_ERROR_CODES.notLaw,
      `${place ? `${place}の` : ""}ルート要素が<${law.tag}>です。` +
        "法令XMLのルート要素は<Law>でなければなりません。e-Gov 法令検索から取得した法令XMLを指定してください。",
      { line: law.line },
    );
  }
  const lawChildren = orderedChildren(law, { LawNum: 0, LawBody: 1 });
  const lawNum = single(law, lawChildren, "LawNum");
  const body = required(law, lawChildren, "LawBody");
  return defined({
    lawNum: lawNum ? readLawNum(lawNum) : undefined,
    attributes: { ...law.attributes } as LawAttributes,
    ...readLawBody(body),
  });
}

function readLawNum(el: XmlElement): string {
  const text = readRichText(el);
  if (typeof text !== "string" || Object.keys(el.attributes).length > 0) throw unexpected(el, "文字列以外の内容");
  return text;
}

function readLawBody(body: XmlElement): Omit<LawDocument, "lawNum" | "attributes"> {
  const children = orderedChildren(body, BODY_RANKS);
  const title = required(body, children, "LawTitle");
  const toc = single(body, children, "TOC");
  const preamble = single(body, children, "Preamble");
  const main = required(body, children, "MainProvision");
  const supplProvisions: SupplProvision[] = [];
  const appendices: Appendix[] = [];
  for (const child of children) {
    if (child.tag === "SupplProvision") supplProvisions.push(readSupplProvision(child));
    else if (APPENDIX_TAGS.includes(child.tag)) {
      appendices.push({ ...toRaw(child), afterSupplProvisions: supplProvisions.length });
    }
  }
  return defined({
    title: readRichText(title),
    titleAttributes: Object.keys(title.attributes).length > 0 ? { ...title.attributes } : undefined,
    lawBodyAttributes: Object.keys(body.attributes).length > 0 ? { ...body.attributes } : undefined,
    enactStatements: nonEmpty(children.filter((child) => child.tag === "EnactStatement").map(readLabel)),
    toc: toc ? toRaw(toc) : undefined,
    preamble: preamble ? orderedChildren(preamble, { Paragraph: 0 }).map(readParagraph) : undefined,
    mainProvisionAttributes: Object.keys(main.attributes).length > 0 ? { ...main.attributes } : undefined,
    main: readProvisionNodes(orderedChildren(main, provisionRanks(0, true))),
    supplProvisions,
    appendices: nonEmpty(placeAppendices(appendices, supplProvisions.length)),
  });
}

/** Drops the position of appendices that follow the last 附則, the usual place. */
function placeAppendices(appendices: Appendix[], supplCount: number): Appendix[] {
  const usual = appendices.every((appendix) => appendix.afterSupplProvisions === supplCount);
  return usual ? appendices.map(({ afterSupplProvisions: _, ...raw }) => raw) : appendices;
}

export interface SerializeEgovXmlOptions {
  /** Indent element-only content with this string (e.g. "  "); compact, like e-Gov, by default. */
  readonly indent?: string;
}

/** Writes the tree back as e-Gov 法令標準XML, UTF-8, with an XML declaration. */
export function serializeEgovXml(doc: LawDocument, options: SerializeEgovXmlOptions = {}): string {
  const lawAttributes = Object.fromEntries(
    Object.entries(doc.attributes).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const law = element("Law", lawAttributes, [
    ...(doc.lawNum === undefined ? [] : [labelElement("LawNum", doc.lawNum)]),
    writeLawBody(doc),
  ]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${writeXml(law, options.indent ?? "")}\n`;
}

function writeLawBody(doc: LawDocument): XmlElement {
  const tail: XmlNode[] = [];
  const appendices = doc.appendices ?? [];
  const last = doc.supplProvisions.length;
  const placed = (count: number) =>
    appendices.filter((a) => Math.min(a.afterSupplProvisions ?? last, last) === count).map(fromRaw);
  doc.supplProvisions.forEach((suppl, index) => {
    tail.push(...placed(index), writeSupplProvision(suppl));
  });
  tail.push(...placed(last));
  return element("LawBody", { ...doc.lawBodyAttributes }, [
    labelElement("LawTitle", doc.title, { ...doc.titleAttributes }),
    ...(doc.enactStatements ?? []).map((statement) => labelElement("EnactStatement", statement)),
    ...(doc.toc ? [fromRaw(doc.toc)] : []),
    ...(doc.preamble ? [element("Preamble", {}, doc.preamble.map(writeParagraph))] : []),
    element("MainProvision", { ...doc.mainProvisionAttributes }, doc.main.map(writeProvisionNode)),
    ...tail,
  ]);
}
