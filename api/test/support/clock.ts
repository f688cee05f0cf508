import type { Clock } from '../../src/ports/clock.js';

/** A clock that stands still until a test moves it. */
export interface TestClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

export function createTestClock(iso = '2026-11-21T12:00:00.000Z'): TestClock {
  let now = Date.parse(iso);
  return {
    now: () => new Date(now),
    set: (value) => {
      now = Date.parse(value);
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
