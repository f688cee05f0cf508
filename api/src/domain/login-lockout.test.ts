import { describe, expect, it } from 'vitest';
import { lockDurationMs, lockRemainingSeconds, MAX_LOGIN_FAILURES } from './login-lockout.js';

describe('login lockout policy', () => {
  it('does not lock below five failures, then locks for 1, 2, 4 … minutes up to an hour', () => {
    expect([1, 2, 3, 4].map(lockDurationMs)).toEqual([0, 0, 0, 0]);
    expect(MAX_LOGIN_FAILURES).toBe(5);
    expect([5, 6, 7, 8, 10, 11, 50].map((f) => lockDurationMs(f) / 60_000)).toEqual([
      1, 2, 4, 8, 32, 60, 60,
    ]);
  });

  it('rounds the remaining lock up to whole seconds and reports 0 when over', () => {
    const now = new Date('2026-11-21T10:00:00.000Z');
    expect(lockRemainingSeconds(null, now)).toBe(0);
    expect(lockRemainingSeconds('2026-11-21T09:59:59.000Z', now)).toBe(0);
    expect(lockRemainingSeconds('2026-11-21T10:00:00.000Z', now)).toBe(0);
    expect(lockRemainingSeconds('2026-11-21T10:00:00.200Z', now)).toBe(1);
    expect(lockRemainingSeconds('2026-11-21T10:01:30.000Z', now)).toBe(90);
  });
});
