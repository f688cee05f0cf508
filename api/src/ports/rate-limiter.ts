import type { RateLimit } from '../domain/api-key.js';

export interface RateDecision {
  allowed: boolean;
  /** Whole requests left in the bucket after this one. */
  remaining: number;
  /** Seconds until a request would be allowed again; 0 when allowed. */
  retryAfterSeconds: number;
}

/** Per-key throttling (token bucket). */
export interface RateLimiter {
  /** Spends one token from the bucket named `bucket`, refilled at `limit.perSecond`. */
  take(bucket: string, limit: RateLimit, now: Date): RateDecision;
}
