import { describe, expect, it } from 'vitest';
import { parseRateLimit, parseScope, scopeAllows } from './api-key.js';
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
