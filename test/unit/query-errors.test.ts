import { describe, expect, it } from "vitest";
import { translateQueryError } from "../../db/query-errors";
import { UserFacingError } from "../../lib/errors";

// What a failed statement tells the person who sent it (db/query-errors.ts). The errors are
// shaped as each driver reports them: postgres.js and PGlite put the SQLSTATE in `code`,
// PGlite's file system throws an ErrnoError with Emscripten's errno.

const pgError = (code: string) => Object.assign(new Error("statement failed"), { code });
const errnoError = (errno: number) => Object.assign(new Error("FS error"), { name: "ErrnoError", errno });

describe("translateQueryError", () => {
  it.each([
    ["disk_full from Postgres", pgError("53100")],
    ["ENOSPC from PGlite's file system", errnoError(51)],
    ["ENOSPC from Node", Object.assign(new Error("write failed"), { code: "ENOSPC" })],
  ])("tells the person that the disk is full and nothing was saved (%s)", (_name, error) => {
    const translated = translateQueryError(error);
    expect(translated).toBeInstanceOf(UserFacingError);
    expect((translated as UserFacingError).status).toBe(507);
    expect((translated as UserFacingError).message).toMatch(/ディスクに空きがありません。.*保存していません。.*もう一度お試しください。/);
  });

  it.each(["22021", "22P05"])("tells the person which characters cannot be stored (%s)", (code) => {
    const translated = translateQueryError(pgError(code)) as UserFacingError;
    expect(translated.status).toBe(400);
    expect(translated.message).toContain("NUL文字");
  });

  it("leaves every other failure as it was, and is safe to apply twice", () => {
    const other = pgError("23505");
    expect(translateQueryError(other)).toBe(other);
    const once = translateQueryError(errnoError(51));
    expect(translateQueryError(once)).toBe(once);
  });
});
