// Server-only doorway for the home page.
export { countUnreadMentions, draftCommentSummary, markMentionsRead, unreadMentions } from "../../comments/summary";
export { listDrafts } from "../../drafting/drafts";
export { listDecisions } from "../../knowledge/decisions";
export { listRecords } from "../../knowledge/list";
