import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import {
  assertBlobKey,
  assertBlobMetadata,
  assertBlobPrefix,
  compareBlobKeys,
} from './blob-key.js';

describe('assertBlobKey', () => {
  it.each(['a', 'reviews/abc/detail.json', 'index/3f2a.json', 'cámara/α7 IV.json', 'a..b/c'])(
    'accepts %j',
    (key) => expect(() => assertBlobKey(key)).not.toThrow(),
  );

  it.each([
    ['', 'empty'],
    ['/etc/passwd', 'leading slash'],
    ['../secret', 'parent segment'],
    ['a/../../b', 'parent segment inside'],
    ['a/./b', 'dot segment'],
    ['a//b', 'empty segment'],
    ['a/', 'trailing slash'],
    ['a\nb', 'control character'],
    ['a\u0000b', 'NUL'],
    ['a\uD800b', 'lone surrogate'],
    ['x'.repeat(1025), 'too long'],
    ['é'.repeat(513), 'too long in UTF-8 bytes'],
  ])('rejects %j (%s)', (key) => {
    expect(() => assertBlobKey(key)).toThrow(ValidationError);
  });

  it('accepts exactly 1,024 bytes', () => {
    expect(() => assertBlobKey('é'.repeat(512))).not.toThrow();
  });
});

describe('assertBlobPrefix', () => {
  it('accepts the empty prefix, a key and a folder', () => {
    for (const prefix of ['', 'reviews', 'reviews/', 'reviews/ab']) assertBlobPrefix(prefix);
  });
  it('rejects prefixes that no key could start with', () => {
    for (const prefix of ['/x', '../', 'a//']) expect(() => assertBlobPrefix(prefix)).toThrow();
  });
});

describe('assertBlobMetadata', () => {
  it('accepts lower-case names and printable ASCII values', () => {
    expect(() => assertBlobMetadata({ 'review-id': 'abc', version: '3' })).not.toThrow();
  });
  it('rejects what S3 would change or refuse', () => {
    expect(() => assertBlobMetadata({ ReviewId: 'a' })).toThrow(ValidationError);
    expect(() => assertBlobMetadata({ note: 'café' })).toThrow(ValidationError);
    expect(() => assertBlobMetadata({ note: 'a\nb' })).toThrow(ValidationError);
  });
});

describe('compareBlobKeys', () => {
  it('orders by UTF-8 bytes, as S3 lists', () => {
    const keys = ['b', '\u{1F600}', 'a/b', '\uFFFD', 'a', 'a-b'];
    expect([...keys].sort(compareBlobKeys)).toEqual([
      'a',
      'a-b',
      'a/b',
      'b',
      '\uFFFD',
      '\u{1F600}',
    ]);
  });
});
