import { UserFacingError } from "../lib/errors";

// Postgres refuses some text outright: a NUL character (U+0000) in a text value is "invalid
// byte sequence" (22021) or "untranslatable character" (22P05). That is the person's input,
// not a server fault: say so in Japanese. The statement failed, so nothing was stored.

const REFUSED_TEXT = new Set(["22021", "22P05"]);

export function translateInputError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !REFUSED_TEXT.has(code)) return error;
  return new UserFacingError(
    "入力に使えない文字（NUL文字などの制御文字）が含まれていたため、保存していません。その文字を取り除いてから、もう一度お試しください。",
    400,
    "invalid_character",
  );
}
