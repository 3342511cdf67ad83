// Server-only doorway from routes to versions and comparisons.
export {
  CURRENT_TEXT_LABEL,
  VERSION_STAGES,
  getVersion,
  listVersions,
  loadComparedText,
  loadVersionDoc,
  parseTextRef,
  restoreVersion,
  saveVersion,
  type TextRef,
  type VersionSummary,
} from "../../drafting/versions";
export { compareDocuments } from "../../ordinance/compare";
export { printedLines } from "../../ordinance/formats/layout";
export { compareDraftTexts, shinkyuSettingsFrom } from "../../drafting/comparison";
export { shinkyuToDocx } from "../../ordinance/formats/shinkyu-docx";
