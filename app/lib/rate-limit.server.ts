// Server-only doorway to the per-person limits on searches and imports (auth/rate-limit.ts).
import type { AppLoadContext } from "@remix-run/node";
import { RateLimitedError, spend, type RateKind } from "../../auth/rate-limit";

export { RateLimitedError };

/** Spends `cost` of `kind` for this person in this running app, or throws RateLimitedError (429). */
export function spendRate(context: AppLoadContext, kind: RateKind, userId: number, cost = 1): void {
  spend(context.services, kind, userId, cost);
}

/**
 * Spends the rest of an upload whose first file was spent before its body was read, so a
 * request of more files than a whole burst is refused even if the bucket refilled meanwhile.
 */
export function spendRestOfUpload(context: AppLoadContext, userId: number, files: number): void {
  if (files > 1) spend(context.services, "import", userId, files - 1, 1);
}

/** The headers of a 429: how many seconds to wait before trying again. */
export function retryAfter(error: unknown): Record<string, string> {
  return error instanceof RateLimitedError ? { "Retry-After": String(error.retryAfterSeconds) } : {};
}
