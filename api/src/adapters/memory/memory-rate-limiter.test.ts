import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from './memory-rate-limiter.js';

const at = (ms: number) => new Date(1_800_000_000_000 + ms);

describe('memory token bucket', () => {
  it('allows a burst, then refuses with the wait until the next token', () => {
    const limiter = createMemoryRateLimiter();
    const limit = { perSecond: 2, burst: 3 };
    expect([0, 0, 0].map(() => limiter.take('k', limit, at(0)).allowed)).toEqual([
      true,
      true,
      true,
    ]);
    expect(limiter.take('k', limit, at(0))).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 1,
    });
    expect(limiter.take('k', limit, at(500)).allowed).toBe(true);
    expect(limiter.take('k', limit, at(500)).allowed).toBe(false);
  });

  it('rounds a long wait up to whole seconds', () => {
    const limiter = createMemoryRateLimiter();
    const limit = { perSecond: 0.25, burst: 1 } as const;
    limiter.take('k', limit, at(0));
    expect(limiter.take('k', limit, at(0)).retryAfterSeconds).toBe(4);
  });

  it('never refills beyond the burst', () => {
    const limiter = createMemoryRateLimiter();
    const limit = { perSecond: 100, burst: 2 };
    limiter.take('k', limit, at(0));
    const results = [1, 2, 3].map(() => limiter.take('k', limit, at(60_000)).allowed);
    expect(results).toEqual([true, true, false]);
  });

  it('keeps buckets apart and bounded in number', () => {
    const limiter = createMemoryRateLimiter({ maxBuckets: 2 });
    const limit = { perSecond: 1, burst: 1 };
    expect(limiter.take('a', limit, at(0)).allowed).toBe(true);
    expect(limiter.take('b', limit, at(0)).allowed).toBe(true);
    expect(limiter.take('c', limit, at(0)).allowed).toBe(true);
    // 'a' was evicted to make room for 'c', so it starts again with a full bucket.
    expect(limiter.take('a', limit, at(0)).allowed).toBe(true);
  });
});
