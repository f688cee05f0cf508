import { describe, expect, it } from 'vitest';
import { parseKeyName, parseRateLimit, parseScope, scopeAllows } from './api-key.js';
import { ValidationError } from './errors.js';

describe('parseScope', () => {
  it('accepts ids, prefixes and the wildcard, trimmed and without duplicates', () => {
    expect(parseScope(' default, review-* ,default')).toEqual(['default', 'review-*']);
    expect(parseScope(['*'])).toEqual(['*']);
  });

  it.each(['', ' , ', 'Default', 're*view', '*-suffix', 'a b', '**'])('refuses %j', (input) => {
    expect(() => parseScope(input)).toThrow(ValidationError);
  });
});

describe('scopeAllows', () => {
  it.each([
    [['default'], 'default', true],
    [['default'], 'default2', false],
    [['review-*'], 'review-x100v', true],
    [['review-*'], 'review-', true], // a star matches the empty string too
    [['review-*'], 'reviews', false],
    [['*'], 'anything.at-all', true],
    [['*'], 'NOT-VALID', false],
    [['a', 'b*'], 'bee', true],
  ])('%j covers %j: %s', (scope, id, expected) => {
    expect(scopeAllows(scope, id)).toBe(expected);
  });
});

describe('parseRateLimit', () => {
  it('fills defaults and refuses nonsense', () => {
    expect(parseRateLimit({ perSecond: 5 })).toEqual({ perSecond: 5, burst: 60 });
    expect(() => parseRateLimit({ burst: 0 })).toThrow(ValidationError);
    expect(() => parseRateLimit({ perSecond: Number.NaN })).toThrow(ValidationError);
  });
});

describe('parseKeyName', () => {
  it('trims and stores NFC', () => {
    expect(parseKeyName('  portfolio site ')).toBe('portfolio site');
    expect(parseKeyName('Jose\u0301')).toBe('José');
  });

  it.each(['', '   ', 'x'.repeat(101)])('refuses %j as too short or long', (input) => {
    expect(() => parseKeyName(input)).toThrow(ValidationError);
  });

  it.each(['portf\u0007olio', 'a\u0000', 'a\tb', 'a\u0085b', 'x\u202Ey', 'x\u2067y', 'half\uDC00'])(
    'refuses %j with a field error on name',
    (input) => {
      const error = (() => {
        try {
          parseKeyName(input);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors).toEqual([
        {
          field: 'name',
          message: 'must not contain control characters or bidirectional overrides',
        },
      ]);
    },
  );
});
