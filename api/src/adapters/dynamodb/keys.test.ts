import { describe, expect, it } from 'vitest';
import {
  apiKeyByHashKey,
  apiKeyByIdKey,
  apiKeyListSortKey,
  counterDayKey,
  counterTotalKey,
  emailClaimKey,
  epochSeconds,
  familyRevokedKey,
  instantSortKey,
  isEmailKey,
  isKeyPart,
  loginFailuresKey,
  reviewAuthorPartition,
  reviewKey,
  reviewStatusPartition,
  saltKey,
  sessionByHashKey,
  sessionByIdKey,
  sessionFamilyPartition,
  sessionUserPartition,
  slugClaimKey,
  userKey,
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
    ['a user id with a separator', () => userKey('a#b')],
    ['an email key with a space', () => emailClaimKey('a b@x.com')],
    ['an empty email key', () => emailClaimKey('')],
    ['a review id with a separator', () => reviewKey('rev#1')],
    ['a status with a separator', () => reviewStatusPartition('draft#x')],
    ['an instant that is not toISOString', () => instantSortKey('2026-11-21', 'a')],
    [
      'an id with a separator after an instant',
      () => instantSortKey('2026-11-21T10:00:00.000Z', 'a#b'),
    ],
  ])('refuses %s rather than build an ambiguous key', (_label, build) => {
    expect(build).toThrow(/Not a valid/);
  });

  it('turns instants into whole epoch seconds for TTL', () => {
    expect(epochSeconds(new Date('2026-11-22T00:00:00.000Z'))).toBe(1_795_305_600);
    expect(epochSeconds(new Date('2026-11-22T00:00:00.999Z'))).toBe(1_795_305_600);
  });

  it('keeps every user in one partition and keys claims and failures apart', () => {
    expect(userKey('usr_1')).toEqual({ pk: 'USERS', sk: 'USER#usr_1' });
    expect(userKey('usr_2').pk).toBe(userKey('usr_1').pk);
    // The email is the last part of its key, so a `#` in the local part is harmless.
    expect(emailClaimKey('a#b@example.com')).toEqual({ pk: 'EMAIL#a#b@example.com', sk: 'EMAIL' });
    expect(loginFailuresKey('ab12')).toEqual({ pk: 'LOGIN#ab12', sk: 'FAILURES' });
    expect(isEmailKey('ana@example.com')).toBe(true);
    expect(isEmailKey('ana @example.com')).toBe(false);
    expect(isEmailKey('x'.repeat(321))).toBe(false);
  });

  it('keys sessions by token hash, with id pointers and family markers', () => {
    expect(sessionByHashKey('ab12')).toEqual({ pk: 'TOKEN#ab12', sk: 'SESSION' });
    expect(sessionByIdKey('s-1')).toEqual({ pk: 'SESSION#s-1', sk: 'ID' });
    expect(familyRevokedKey('fam_1')).toEqual({ pk: 'FAMILY#fam_1', sk: 'REVOKED' });
    expect(sessionFamilyPartition('fam_1')).toBe('FAMILY#fam_1');
    expect(sessionUserPartition('usr_1')).toBe('USER#usr_1');
  });

  it('keys reviews and slugs, and partitions listings by status', () => {
    expect(reviewKey('rev_1')).toEqual({ pk: 'REVIEW#rev_1', sk: 'REVIEW' });
    expect(slugClaimKey('x100vi-review')).toEqual({ pk: 'SLUG#x100vi-review', sk: 'SLUG' });
    expect(reviewAuthorPartition('usr_a', 'draft')).toBe('AUTHOR#usr_a#draft');
    expect(reviewStatusPartition('published')).toBe('STATUS#published');
  });

  it('orders instant sort keys by time, then by id, as text', () => {
    const keys = [
      instantSortKey('2026-11-21T10:00:00.000Z', 'rev_b'),
      instantSortKey('2026-11-20T23:59:59.999Z', 'rev_z'),
      instantSortKey('2026-11-21T10:00:00.000Z', 'rev_a'),
    ];
    expect([...keys].sort()).toEqual([keys[1], keys[2], keys[0]]);
    // Everything strictly before a position sorts below its key, the same instant included.
    expect(instantSortKey('2026-11-21T10:00:00.000Z', 'rev_a') < keys[0]!).toBe(true);
  });

  it('tells which values can be part of a key, so lookups of others find nothing', () => {
    expect(isKeyPart('usr_5f0c2a9d41b7e3c8')).toBe(true);
    expect(isKeyPart('')).toBe(false);
    expect(isKeyPart('a#b')).toBe(false);
    expect(isKeyPart('a b')).toBe(false);
  });
});
