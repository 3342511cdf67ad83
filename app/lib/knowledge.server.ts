// Server-only doorway from routes to the knowledge modules.
export { parseBody } from "../../knowledge/body";
export { createDecision, listDecisions } from "../../knowledge/decisions";
export { recordHistory } from "../../knowledge/history";
export { addLink, linksFrom, linksTo, removeLink } from "../../knowledge/links";
export { filterOptions, listRecords, PAGE_SIZE } from "../../knowledge/list";
export { createRecord, getRecord, getSections, updateRecord } from "../../knowledge/records";
export { listTags } from "../../knowledge/tags";
export { addToBatch, discardBatch, getBatch, newBatchId, saveBatchItem } from "../../knowledge/import-batch";
