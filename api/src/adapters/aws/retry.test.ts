import { describe, expect, it } from 'vitest';
import { fullJitterMs, withRetries, type AttemptOutcome } from './retry.js';

describe('withRetries', () => {
  it('retries while the policy gives a delay, and settles with the outcome it declines', async () => {
    const seen: Array<AttemptOutcome<number>> = [];
    const value = await withRetries(
      async (attempts) => {
        if (attempts === 1) throw new Error('first');
        return attempts;
      },
      {
        maxAttempts: 5,
        retryDelayMs(outcome) {
          seen.push(outcome);
          return 'error' in outcome || outcome.value < 3 ? 0 : undefined;
        },
      },
    );
    expect(value).toBe(3);
    expect(seen).toHaveLength(3);
    expect(seen[0]).toMatchObject({ error: { message: 'first' } });
  });

  it('stops at maxAttempts without asking the policy about the last outcome', async () => {
    let asked = 0;
    let made = 0;
    const failed = withRetries(
      async (attempts) => {
        made = attempts;
        throw new Error(`attempt ${attempts}`);
      },
      {
        maxAttempts: 3,
        retryDelayMs: () => {
          asked++;
          return 0;
        },
      },
    );
    await expect(failed).rejects.toThrow('attempt 3');
    expect([made, asked]).toEqual([3, 2]);
  });
});

describe('fullJitterMs', () => {
  it('waits under base × 2^attempts, at most 20 s', () => {
    for (let i = 0; i < 50; i++) {
      const wait = fullJitterMs(100, 2);
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(400);
      expect(fullJitterMs(500, 10)).toBeLessThanOrEqual(20_000);
    }
  });
});
