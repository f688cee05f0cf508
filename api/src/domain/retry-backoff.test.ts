import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-backoff.js';

const backoff = { baseMs: 1_000, capMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles with each attempt', () => {
    const max = () => 0.999999;
    expect(retryDelayMs(1, backoff, max)).toBe(1_000);
    expect(retryDelayMs(2, backoff, max)).toBe(2_000);
    expect(retryDelayMs(3, backoff, max)).toBe(4_000);
  });

  it('jitters within the upper half of the nominal delay', () => {
    expect(retryDelayMs(3, backoff, () => 0)).toBe(2_000);
    expect(retryDelayMs(3, backoff, () => 0.5)).toBe(3_000);
  });

  it('never exceeds the cap, however many attempts', () => {
    expect(retryDelayMs(7, backoff, () => 0.999999)).toBe(60_000);
    expect(retryDelayMs(5_000, backoff, () => 0.999999)).toBe(60_000);
    expect(retryDelayMs(5_000, backoff, () => 0)).toBe(30_000);
  });
});
