// Server-only doorway to the per-person limits on searches and imports (auth/rate-limit.ts).
import type { AppLoadContext } from "@remix-run/node";
import { RateLimitedError, spend, type RateKind } from "../../auth/rate-limit";

export { RateLimitedError };

/** Spends `cost` of `kind` for this person in this running app, or throws RateLimitedError (429). */
export function spendRate(context: AppLoadContext, kind: RateKind, userId: number, cost = 1): void {
  spend(context.services, kind, userId, cost);
}

/** The headers of a 429: how many seconds to wait before trying again. */
export function retryAfter(error: unknown): Record<string, string> {
  return error instanceof RateLimitedError ? { "Retry-After": String(error.retryAfterSeconds) } : {};
}
