import { UserFacingError } from "./errors";

// A data directory that cannot be written (read-only, no permission, a file in its path,
// a full disk) stops the app before it serves anything. The person who started it gets
// what is wrong and what to do, not an errno: Node reports these as codes, Postgres as
// SQLSTATE 53100, PGlite's own file system (Emscripten's) as numbers.

type StorageProblem = "read-only" | "no-permission" | "not-a-directory" | "full";

const CODES: Record<string, StorageProblem> = {
  EROFS: "read-only",
  EACCES: "no-permission",
  EPERM: "no-permission",
  ENOTDIR: "not-a-directory",
  EEXIST: "not-a-directory", // mkdir over a file
  ENOSPC: "full",
  EDQUOT: "full",
  "53100": "full", // disk_full
};

/** Emscripten's errno numbers, as PGlite's ErrnoError carries them. */
const EMSCRIPTEN_ERRNOS: Record<number, StorageProblem> = {
  69: "read-only", // EROFS
  2: "no-permission", // EACCES
  63: "no-permission", // EPERM
  54: "not-a-directory", // ENOTDIR
  51: "full", // ENOSPC
  19: "full", // EDQUOT
};

function problemOf(error: unknown): StorageProblem | undefined {
  if (!error || typeof error !== "object") return undefined;
  const { code, errno, name } = error as { code?: unknown; errno?: unknown; name?: unknown };
  if (typeof code === "string" && Object.hasOwn(CODES, code)) return CODES[code];
  if (name === "ErrnoError" && typeof errno === "number") return EMSCRIPTEN_ERRNOS[errno];
  return undefined;
}

/** Whether error is the disk (or quota) being full, however it was reported. */
export function isDiskFull(error: unknown): boolean {
  return problemOf(error) === "full";
}

/** The data directory problem behind error, as a message for a person; undefined for anything else. */
export function storageError(error: unknown, dataDir: string): UserFacingError | undefined {
  const problem = problemOf(error);
  if (!problem) return undefined;
  const messages: Record<StorageProblem, string> = {
    "read-only": `データディレクトリ ${dataDir} に書き込めません(読み取り専用のファイルシステムです)。書き込めるディレクトリを KIZUNA_DATA_DIR に指定するか、書き込めるようにしてから、もう一度起動してください。データは変更していません。`,
    "no-permission": `データディレクトリ ${dataDir} に書き込む権限がありません。Kizunaを動かす利用者に書き込み権限を与えるか、書き込めるディレクトリを KIZUNA_DATA_DIR に指定してから、もう一度起動してください。データは変更していません。`,
    "not-a-directory": `データディレクトリ ${dataDir} を作れません(途中にディレクトリではなくファイルがあります)。KIZUNA_DATA_DIR にディレクトリのパスを指定してください。`,
    full: `データディレクトリ ${dataDir} のディスクに空きがありません。不要なファイルを消すなどして空きを作ってから、もう一度起動してください。`,
  };
  return new UserFacingError(messages[problem], 507, `data_dir_${problem.replace(/-/g, "_")}`);
}
