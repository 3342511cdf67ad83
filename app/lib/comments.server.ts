// Server-only doorway from routes to the comments modules.
export { acceptSuggestion, undoAcceptance } from "../../comments/accept";
export { createComment, deleteComment, disposeComment, editComment, hideComment, replyTo, setResolved } from "../../comments/comments";
export { listThreads } from "../../comments/threads";
export { jstDate, parsePeriod, responseTable, RESPONSE_COLUMNS, type ResponseRow, type ResponseTable } from "../../comments/response-table";
export {
  exportResponseTable,
  isResponseExportFormat,
  responseTableNote,
  responseTableTitle,
  RESPONSE_EXPORT_FORMATS,
  type ResponseExportFormat,
} from "../../comments/response-export";
export { addClauseEvidence, clauseEvidence, removeClauseEvidence } from "../../comments/evidence";
