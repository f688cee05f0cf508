import { describe, expect, it } from 'vitest';
import { queryDecimal, queryInteger } from './query-numbers.js';

describe('queryInteger', () => {
  const limit = queryInteger({
    min: 1,
    max: 100,
    description: 'a whole number from 1 to 100',
    fallback: 20,
  });

  it.each([
    ['1', 1],
    ['20', 20],
    ['100', 100],
  ])('reads %j as %i', (raw, value) => {
    expect(limit.parse(raw)).toBe(value);
  });

  it.each(['0x10', '1e1', ' 5', '5 ', '+5', '-1', '05', '5.0', '', 'Infinity', '0', '101', '١٢'])(
    'refuses %j',
    (raw) => {
      expect(limit.safeParse(raw).success).toBe(false);
    },
  );

  it('is the fallback when absent', () => {
    expect(limit.parse(undefined)).toBe(20);
  });

  it('says how to write it', () => {
    const result = limit.safeParse('0x10');
    expect(result.error?.issues[0]?.message).toBe(
      'a whole number from 1 to 100, written as plain digits',
    );
  });
});

describe('queryDecimal', () => {
  const rating = queryDecimal({ min: 0, max: 10, description: 'a number from 0 to 10' });

  it.each([
    ['0', 0],
    ['8', 8],
    ['7.5', 7.5],
    ['10', 10],
    ['9.25', 9.25],
  ])('reads %j as %d', (raw, value) => {
    expect(rating.parse(raw)).toBe(value);
  });

  it.each(['1e1', '0x8', ' 8', '.5', '8.', '+8', '08', '-0', 'NaN', '10.5', '8,5'])(
    'refuses %j',
    (raw) => {
      expect(rating.safeParse(raw).success).toBe(false);
    },
  );
});
