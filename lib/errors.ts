/**
 * An error meant for a person: `message` is Japanese, says what happened and what to do,
 * and is safe to show as is. Anything else that escapes is logged and shown generically.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly status: number = 400,
    readonly code: string = "bad_request",
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}

export function isUserFacingError(error: unknown): error is UserFacingError {
  return error instanceof Error && error.name === "UserFacingError" && "status" in error;
}
