// Comparing two texts of an ordinance: provisions paired by id or by wording, what changed
// in each, and character-level differences. The 新旧対照表 and the 改め文 are built on this.
export { provisionsOf, fullText, type Provision, type ProvisionKind } from "./provisions";
export { alignProvisions, chooseAlignMode, likeness, type AlignMode, type ProvisionPair } from "./align";
export {
  compareDocuments,
  type ChangeStatus,
  type CompareOptions,
  type Comparison,
  type ProvisionChange,
} from "./compare";
export { sidesOf, textDiff, type TextPart } from "./text-diff";
export {
  defaultLead,
  type AmendmentKinds,
  shinkyuJson,
  shinkyuTable,
  type ShinkyuCell,
  type ShinkyuColumn,
  type ShinkyuLine,
  type ShinkyuRow,
  type ShinkyuRowRole,
  type ShinkyuRun,
  type ShinkyuSettings,
  type ShinkyuSide,
  type ShinkyuTable,
} from "./shinkyu";
export { aratameBun, aratameText, type Aratame, type AratameOptions } from "./aratame";
