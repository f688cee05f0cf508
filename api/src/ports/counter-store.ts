import type { DayTotals } from '../domain/counter.js';

export interface RecordVisitInput {
  counterId: string;
  /** UTC day of the visit, `YYYY-MM-DD`. */
  day: string;
  /** Salted hash identifying the visitor for this counter and day; never an IP. */
  visitorHash: string;
  /** When the day's visitor markers may be forgotten (the end of `day`). */
  expiresAt: Date;
  /** When the visit happened. */
  at: Date;
}

export interface RecordedVisit {
  count: number;
  today: DayTotals;
}

export interface StoredCounter {
  id: string;
  count: number;
  /** Totals for the requested days that have any visits; missing days had none. */
  days: DayTotals[];
}

/** Visit counters: totals, per-day counts and per-day unique-visitor markers. */
export interface CounterStore {
  /**
   * Adds one visit to `counterId`, creating the counter when missing. The total must be
   * incremented atomically in the store (no read-then-write), so concurrent visits are never
   * lost. The visitor hash counts towards today's unique visitors only the first time it is seen
   * that day.
   */
  recordVisit(input: RecordVisitInput): Promise<RecordedVisit>;

  /**
   * Reads a counter without changing it, with its totals for the given days.
   * @returns `undefined` when the counter has never been visited.
   */
  getCounter(counterId: string, days: readonly string[]): Promise<StoredCounter | undefined>;
}
