// Every CLI operation (cli/operations.ts) and where it stands. The CLI has no roles: it runs
// with the rights of whoever can open the database (KIZUNA_DATA_DIR, DATABASE_URL) or the
// running server's control socket (mode 0600 in the data directory); that person is the
// operator. `web` names the route that does the same for a signed-in person, whose row in
// route-table.ts says which role may; null when only the operator may do it at all.

export interface CliOperationRow {
  web: { file: string; intent?: string } | null;
  /** What the operation reaches beyond the database, for the threat model. */
  reaches?: string;
}

export const CLI_OPERATIONS: Record<string, CliOperationRow> = {
  migrate: { web: null },
  seed: { web: null },
  "user.add": { web: { file: "admin.tsx", intent: "add" } },
  "user.list": { web: { file: "admin.tsx" } },
  "import.file": { web: { file: "api.import.ts", intent: "" }, reaches: "reads a file path given by the operator" },
  "record.export": { web: { file: "knowledge.$id._index.tsx" } },
  search: { web: { file: "search.tsx" } },
  reindex: { web: null },
  "draft.list": { web: { file: "drafts._index.tsx" } },
  "draft.import": { web: { file: "drafts._index.tsx", intent: "import" }, reaches: "reads a file path given by the operator" },
  "draft.export": { web: { file: "drafts.$id.export.ts" } },
  "draft.version": { web: { file: "drafts.$id_.versions._index.tsx", intent: "" } },
  compare: { web: { file: "drafts.$id_.compare.tsx" }, reaches: "reads e-Gov XML file paths given by the operator" },
  "comments.export": { web: { file: "drafts.$id.comments.export.tsx" } },
  backup: { web: null, reaches: "writes a file at a path given by the operator (in the server process when it holds the data directory)" },
  restore: { web: null, reaches: "reads a backup file and replaces the database" },
  token: { web: null, reaches: "issues a session token for any active login" },
};
