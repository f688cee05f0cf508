import { describe, expect, it } from 'vitest';
import {
  apiKeyByHashKey,
  apiKeyByIdKey,
  apiKeyListSortKey,
  counterDayKey,
  counterTotalKey,
  epochSeconds,
  saltKey,
  visitorMarkerKey,
} from './keys.js';

describe('DynamoDB key builders', () => {
  it('puts a counter total and its days in one partition, days sorting by date', () => {
    expect(counterTotalKey('default')).toEqual({ pk: 'COUNTER#default', sk: 'TOTAL' });
    expect(counterDayKey('default', '2026-11-21')).toEqual({
      pk: 'COUNTER#default',
      sk: 'DAY#2026-11-21',
    });
    const days = ['2026-12-01', '2026-11-30', '2025-12-31'].map((d) => counterDayKey('a', d).sk);
    expect([...days].sort()).toEqual(['DAY#2025-12-31', 'DAY#2026-11-30', 'DAY#2026-12-01']);
  });

  it('gives each visitor marker its own partition per counter and day', () => {
    expect(visitorMarkerKey('review-x100v', '2026-11-21', 'aB_c-9')).toEqual({
      pk: 'VISITOR#review-x100v#2026-11-21#aB_c-9',
      sk: 'MARKER',
    });
    expect(visitorMarkerKey('a', '2026-11-21', 'h').pk).not.toBe(
      visitorMarkerKey('a', '2026-11-22', 'h').pk,
    );
  });

  it('keys salts by day and API keys by hash and by id', () => {
    expect(saltKey('2026-11-21')).toEqual({ pk: 'SALT#2026-11-21', sk: 'SALT' });
    expect(apiKeyByHashKey('ab12')).toEqual({ pk: 'HASH#ab12', sk: 'KEY' });
    expect(apiKeyByIdKey('key_00ff')).toEqual({ pk: 'KEY#key_00ff', sk: 'ID' });
  });

  it('orders listed keys by creation time, then id', () => {
    const sks = [
      apiKeyListSortKey('2026-11-21T10:00:00.000Z', 'key_b'),
      apiKeyListSortKey('2026-11-20T10:00:00.000Z', 'key_z'),
      apiKeyListSortKey('2026-11-21T10:00:00.000Z', 'key_a'),
    ];
    expect([...sks].sort()).toEqual([sks[1], sks[2], sks[0]]);
  });

  it.each([
    ['a counter id with a separator', () => counterTotalKey('a#b')],
    ['an upper-case counter id', () => counterDayKey('Default', '2026-11-21')],
    ['a day that is not YYYY-MM-DD', () => counterDayKey('a', '2026-1-2')],
    ['a visitor hash with a separator', () => visitorMarkerKey('a', '2026-11-21', 'x#y')],
    ['an empty key hash', () => apiKeyByHashKey('')],
    ['a key id with a separator', () => apiKeyByIdKey('KEY#x')],
  ])('refuses %s rather than build an ambiguous key', (_label, build) => {
    expect(build).toThrow(/Not a valid/);
  });

  it('turns instants into whole epoch seconds for TTL', () => {
    expect(epochSeconds(new Date('2026-11-22T00:00:00.000Z'))).toBe(1_795_305_600);
    expect(epochSeconds(new Date('2026-11-22T00:00:00.999Z'))).toBe(1_795_305_600);
  });
});
