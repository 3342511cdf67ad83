import { UserFacingError } from "../lib/errors";

// Per-person limits on what is cheap to ask for and costly to answer: searches and imported
// files. Token buckets in memory: a burst, refilled at a steady rate. Unlike login
// throttling (login.ts, in the database so that every instance counts a guessed password),
// these only shield one process from one person, so each instance counting alone is enough.

export interface RateRule {
  /** What may be spent at once … */
  burst: number;
  /** … and how fast it comes back, per second. */
  perSecond: number;
  message: string;
}

export const RATE_RULES = {
  // Far beyond a person (the header's instant results ask once per pause in typing, 180 ms)
  // or a script polling for a result; a flood of hundreds a second is what it stops.
  search: {
    burst: 300,
    perSecond: 5,
    message: "短い時間に検索が続いたため、一時的に検索を制限しています。1分ほど待ってから、もう一度お試しください。",
  },
  // Counted per file: a folder of several hundred documents dropped at once still goes through.
  import: {
    burst: 500,
    perSecond: 5,
    message: "短い時間に多くのファイルが送られたため、一時的に取り込みを制限しています。しばらく待ってから、残りのファイルを取り込んでください。",
  },
} as const satisfies Record<string, RateRule>;

export type RateKind = keyof typeof RATE_RULES;

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rules: Record<RateKind, RateRule> = RATE_RULES,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Spends `cost` for this person if they have it; returns the seconds to wait otherwise (0 when
   * spent). `spentBefore` is what the same request already spent (its first file, before the body
   * was read): a request larger than a whole burst never fits, however long its body took to read.
   */
  take(kind: RateKind, who: string | number, cost = 1, spentBefore = 0): number {
    const rule = this.rules[kind];
    const key = `${kind}:${who}`;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: rule.burst, at: now };
    bucket.tokens = Math.min(rule.burst, bucket.tokens + ((now - bucket.at) / 1000) * rule.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.forgetFull(now);
    const whole = cost + spentBefore;
    if (whole <= rule.burst && bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    // More than a whole burst at once never fits: wait for a full bucket, then send less.
    return Math.max(1, Math.ceil((Math.min(whole, rule.burst) - bucket.tokens) / rule.perSecond));
  }

  /** Buckets that have refilled are the same as no bucket. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const rule = this.rules[key.slice(0, key.indexOf(":")) as RateKind];
      if (bucket.tokens + ((now - bucket.at) / 1000) * rule.perSecond >= rule.burst) this.buckets.delete(key);
    }
  }
}

/** A limit reached: the Japanese message, 429, and how long to wait. */
export class RateLimitedError extends UserFacingError {
  constructor(
    kind: RateKind,
    readonly retryAfterSeconds: number,
  ) {
    super(RATE_RULES[kind].message, 429, "rate_limited");
  }
}

// One limiter per running app (its services object), never a module-wide one: the Remix
// build carries its own copy of this module, and tests run several apps in one process.
const limiters = new WeakMap<object, RateLimiter>();

export function limiterOf(owner: object): RateLimiter {
  let limiter = limiters.get(owner);
  if (!limiter) limiters.set(owner, (limiter = new RateLimiter()));
  return limiter;
}

/** Spends `cost` of `kind` for this person (on top of `spentBefore` by the same request), or throws RateLimitedError. */
export function spend(owner: object, kind: RateKind, who: string | number, cost = 1, spentBefore = 0): void {
  const wait = limiterOf(owner).take(kind, who, cost, spentBefore);
  if (wait > 0) throw new RateLimitedError(kind, wait);
}
