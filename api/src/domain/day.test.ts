import { describe, expect, it } from 'vitest';
import { endOfUtcDay, lastUtcDays, utcDay } from './day.js';

describe('UTC days', () => {
  it('names the UTC day whatever the local offset of the instant', () => {
    expect(utcDay(new Date('2026-11-21T23:59:59.999-03:00'))).toBe('2026-11-22');
  });

  it('lists the last days oldest first, across a month and a year end', () => {
    expect(lastUtcDays(new Date('2027-01-01T05:00:00Z'), 3)).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
    ]);
    expect(lastUtcDays(new Date('2026-03-01T00:00:00Z'), 2)).toEqual(['2026-02-28', '2026-03-01']);
  });

  it('ends a day at the next UTC midnight', () => {
    expect(endOfUtcDay(new Date('2026-11-21T13:00:00Z')).toISOString()).toBe(
      '2026-11-22T00:00:00.000Z',
    );
  });
});
