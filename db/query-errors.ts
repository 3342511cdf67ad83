import { UserFacingError } from "../lib/errors";
import { isDiskFull } from "../lib/storage-errors";

// Failures of a statement that a person can be told about in Japanese, for the form that
// sent it to show. The statement (or its transaction) failed, so nothing of it was stored.
// - Postgres refuses some text outright: a NUL character (U+0000) in a text value is
//   "invalid byte sequence" (22021) or "untranslatable character" (22P05). That is the
//   person's input, not a server fault.
// - The disk filled up while the app runs: disk_full (53100) from Postgres, ENOSPC from
//   PGlite's file system. Reads keep working; writes work again once there is room.

const REFUSED_TEXT = new Set(["22021", "22P05"]);

export function translateQueryError(error: unknown): unknown {
  if (isDiskFull(error)) {
    return new UserFacingError(
      "サーバーのディスクに空きがありません。そのため、この操作の内容は保存していません。管理者にディスクの空きを作るよう依頼してから、もう一度お試しください。",
      507,
      "disk_full",
    );
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !REFUSED_TEXT.has(code)) return error;
  return new UserFacingError(
    "入力に使えない文字（NUL文字などの制御文字）が含まれていたため、保存していません。その文字を取り除いてから、もう一度お試しください。",
    400,
    "invalid_character",
  );
}
