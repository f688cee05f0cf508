import { describe, expect, it } from 'vitest';
import { ifMatchMatches, ifNoneMatchMatches, isEntityTagList, parseEntityTags } from './etag.js';

describe('parseEntityTags', () => {
  it('reads lists of strong and weak tags, and *', () => {
    expect(parseEntityTags('"a", W/"b" ,"c"')).toEqual([
      { weak: false, opaque: '"a"' },
      { weak: true, opaque: '"b"' },
      { weak: false, opaque: '"c"' },
    ]);
    expect(parseEntityTags(' * ')).toBe('*');
  });

  it('skips entries that are not tags', () => {
    expect(parseEntityTags('a, "ok", W/b, "x"y')).toEqual([{ weak: false, opaque: '"ok"' }]);
    expect(parseEntityTags('')).toEqual([]);
  });
});

describe('ifNoneMatchMatches (weak comparison)', () => {
  it.each([
    ['"abc"', '"abc"', true],
    ['W/"abc"', '"abc"', true],
    ['"abc"', 'W/"abc"', true],
    ['"x", "abc"', '"abc"', true],
    ['*', '"abc"', true],
    ['"abd"', '"abc"', false],
    ['abc', '"abc"', false],
    ['', '"abc"', false],
  ])('If-None-Match %j vs %j → %s', (header, etag, expected) => {
    expect(ifNoneMatchMatches(header, etag)).toBe(expected);
  });

  it('is false without the header', () => {
    expect(ifNoneMatchMatches(undefined, '"abc"')).toBe(false);
  });
});

describe('ifMatchMatches (strong comparison)', () => {
  it.each([
    ['"v3"', '"v3"', true],
    ['"v2", "v3"', '"v3"', true],
    ['W/"v3"', '"v3"', false],
    ['"v3"', 'W/"v3"', false],
    ['"v2"', '"v3"', false],
    ['*', '"v3"', false],
    ['v3', '"v3"', false],
  ])('If-Match %j vs %j → %s', (header, etag, expected) => {
    expect(ifMatchMatches(header, etag)).toBe(expected);
  });
});

describe('isEntityTagList', () => {
  it.each(['"v1"', 'W/"v1"', ' "v7", "v1" ', '*', ' * ', '""'])('accepts %j', (header) => {
    expect(isEntityTagList(header)).toBe(true);
  });

  it.each(['v1', "'v1'", '"v1', 'v1"', '"v1", v2', 'W/v1', '"v1",', 'w/"v1"', '"v 1"'])(
    'refuses %j',
    (header) => {
      expect(isEntityTagList(header)).toBe(false);
    },
  );
});
