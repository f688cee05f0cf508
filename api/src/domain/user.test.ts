import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { emailKey, parseEmail, parseUserName } from './user.js';

const fieldError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors;
    throw error;
  }
  return [];
};

describe('emailKey', () => {
  it('ignores case, surrounding space and compatibility forms (NFKC)', () => {
    expect(emailKey(' Ana@Example.COM ')).toBe('ana@example.com');
    expect(emailKey('ａｎａ@ｅｘａｍｐｌｅ.com')).toBe('ana@example.com');
    expect(emailKey('jose\u0301@example.com')).toBe(emailKey('JOSÉ@example.com'));
  });
});

describe('parseEmail and parseUserName', () => {
  it('store NFC', () => {
    expect(parseEmail(' jose\u0301@example.com ')).toBe('josé@example.com');
    expect(parseUserName('Jose\u0301 Lima')).toBe('José Lima');
  });

  it.each([
    'a\u202E@example.com',
    'a\u0000b@example.com',
    'a\u2066@example.com',
    'a\ud800@example.com',
  ])('refuse %j with a field error on email', (email) => {
    expect(fieldError(() => parseEmail(email))).toEqual([
      { field: 'email', message: 'must not contain control characters or bidirectional overrides' },
    ]);
  });

  it.each(['Ana\u202ELima', 'Ana\nLima', 'Ana\u0007', 'Ana\udc00'])(
    'refuse the name %j with a field error on name',
    (name) => {
      expect(fieldError(() => parseUserName(name))).toEqual([
        {
          field: 'name',
          message: 'must not contain control characters or bidirectional overrides',
        },
      ]);
    },
  );
});
