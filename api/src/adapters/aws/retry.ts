/** What one attempt ended with: a value (an answer, whatever its status) or an error. */
export type AttemptOutcome<T> = { value: T } | { error: unknown };

export interface RetryPolicy<T> {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /**
   * The wait before another attempt after this outcome of attempt number `attempts` (from 1), or
   * `undefined` to settle with it. Not asked after the last attempt.
   */
  retryDelayMs(outcome: AttemptOutcome<T>, attempts: number): number | undefined;
}

/**
 * The AWS SDK's standard backoff, full jitter: a random wait under `baseMs` × 2^`attempts`, at
 * most 20 s (so that clients retrying together spread out rather than come back in step).
 */
export function fullJitterMs(baseMs: number, attempts: number): number {
  return Math.random() * Math.min(20_000, baseMs * 2 ** attempts);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until the policy settles: resolves with the last value, or rejects with the last
 * error. The light AWS clients' one retry loop (DynamoDB's, and SSM's, SQS's and S3's).
 */
export async function withRetries<T>(
  attempt: (attempts: number) => Promise<T>,
  policy: RetryPolicy<T>,
): Promise<T> {
  for (let attempts = 1; ; attempts++) {
    let outcome: AttemptOutcome<T>;
    try {
      outcome = { value: await attempt(attempts) };
    } catch (error) {
      outcome = { error };
    }
    const delay =
      attempts < policy.maxAttempts ? policy.retryDelayMs(outcome, attempts) : undefined;
    if (delay === undefined) {
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    }
    await sleep(delay);
  }
}
