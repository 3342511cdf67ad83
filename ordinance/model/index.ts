// The ordinance document model: the ProseMirror schema, stable ids, and the numbering,
// addresses and 目次 derived from a document. Pure: no DOM, no I/O.
export { ID_TYPES, NUMBERED_TYPES, ordinanceSchema } from "./schema";
export { ensureIds, newId, positionsNeedingIds, uniqueIdPlugin, uniqueIdPluginKey, type UniqueIdOptions } from "./ids";
export {
  documentStyle,
  forEachNumbered,
  numberDocument,
  numberFrom,
  numberingCursor,
  type NumberedKind,
  type NumberedProvision,
  type NumberingContext,
  type NumberingVisitor,
} from "./numbering";
export {
  articleRange,
  captionText,
  headingText,
  outline,
  outlineLine,
  type OutlineEntry,
  type OutlineKind,
} from "./outline";
export {
  buildArticle,
  buildChapter,
  buildDoc,
  buildItem,
  buildParagraph,
  buildSentence,
  buildSubitem,
  buildSupplProvision,
  type ArticleInit,
  type ContainerInit,
  type DocInit,
  type EnumeratedInit,
  type NumberedInit,
  type ParagraphInit,
  type SentenceInit,
  type SupplProvisionInit,
} from "./build";
