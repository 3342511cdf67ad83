// e-Gov 法令標準XML (XMLSchemaForJapaneseLaw v3) ⇄ a typed law tree, and the helpers that make
// each provision of a law addressable. Pure: strings in, strings out, no I/O.
export type {
  Appendix,
  Article,
  Attributes,
  Column,
  Container,
  ContainerKind,
  Inline,
  InlineElement,
  InlineTag,
  Item,
  LawAttributes,
  LawDocument,
  Paragraph,
  ProvisionNode,
  RawNode,
  RichText,
  Sentence,
  SentenceBlock,
  Subitem,
  SupplProvision,
} from "./law-tree";
export {
  EGOV_XML_ERROR_CODES,
  EgovXmlError,
  MAX_EGOV_XML_BYTES,
  MAX_EGOV_XML_DEPTH,
  type EgovXmlErrorCode,
} from "./errors";
export { parseEgovXml, serializeEgovXml, type SerializeEgovXmlOptions } from "./law";
export { plainText } from "./inline";
export {
  articleCount,
  listArticles,
  listProvisions,
  type ArticleEntry,
  type ContainerStep,
  type ProvisionEntry,
  type ProvisionKind,
  type SupplProvisionRef,
} from "./provisions";
