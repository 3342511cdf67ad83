import { provisionRanks, readProvisionNodes, writeProvisionNode } from "./container";
import {
  AttributeReader,
  attributesOf,
  defined,
  element,
  fromRaw,
  nonEmpty,
  orderedChildren,
  required,
  toRaw,
} from "./element";
import { labelElement, readLabel } from "./inline";
import type { SupplProvision } from "./law-tree";
import type { XmlElement } from "./xml-node";

// 附則 both ways: the label, then chapters, articles or paragraphs, then 附則別表 and the
// like, kept raw.

const APPENDIX_TAGS = ["SupplProvisionAppdxTable", "SupplProvisionAppdxStyle", "SupplProvisionAppdx"];

const RANKS: Readonly<Record<string, number>> = {
  SupplProvisionLabel: 0,
  ...provisionRanks(1, true),
  ...Object.fromEntries(APPENDIX_TAGS.map((tag) => [tag, 2])),
};

export function readSupplProvision(el: XmlElement): SupplProvision {
  const children = orderedChildren(el, RANKS);
  const attrs = new AttributeReader(el);
  return defined({
    type: "supplProvision",
    label: readLabel(required(el, children, "SupplProvisionLabel")),
    amendLawNum: attrs.string("AmendLawNum"),
    extract: attrs.boolean("Extract"),
    attributes: attrs.rest(),
    children: readProvisionNodes(children.filter((child) => RANKS[child.tag] === 1)),
    appendices: nonEmpty(children.filter((child) => APPENDIX_TAGS.includes(child.tag)).map(toRaw)),
  });
}

export function writeSupplProvision(suppl: SupplProvision): XmlElement {
  const attributes = attributesOf({ AmendLawNum: suppl.amendLawNum, Extract: suppl.extract }, suppl.attributes);
  return element("SupplProvision", attributes, [
    labelElement("SupplProvisionLabel", suppl.label),
    ...suppl.children.map(writeProvisionNode),
    ...(suppl.appendices ?? []).map(fromRaw),
  ]);
}
