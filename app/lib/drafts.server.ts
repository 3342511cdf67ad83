// Server-only doorway from routes to the drafting modules.
export { createDraft, exportDraft, getDraft, importDraftXml, listDrafts, updateDraftSettings, type DraftExportFormat } from "../../drafting/drafts";
