/**
 * How long a failed job waits before its next attempt: exponential backoff with jitter, capped.
 * Jitter spreads the retries of jobs that failed together (e.g. while the store was down), so they
 * do not all come back at the same instant.
 */
export interface RetryBackoff {
  /** Delay before the second attempt, before jitter. */
  baseMs: number;
  /** No delay exceeds this, jitter included. */
  capMs: number;
}

export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { baseMs: 1_000, capMs: 5 * 60_000 };

/**
 * The delay after attempt number `attempts` (1 for the first) failed: `base · 2^(attempts−1)`,
 * capped, then scaled into its upper half by `random` ("equal jitter"), so a retry never comes
 * sooner than half the nominal delay.
 * @param random a number in [0, 1); injected so tests are deterministic.
 */
export function retryDelayMs(
  attempts: number,
  backoff: RetryBackoff = DEFAULT_RETRY_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^exponent overflows to Infinity long after the cap applies; Math.min handles that.
  const nominal = Math.min(backoff.capMs, backoff.baseMs * 2 ** exponent);
  return Math.round(nominal / 2 + (nominal / 2) * random());
}
