import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors.js';
import { createCursorCodec } from './cursor.js';

const codec = createCursorCodec('test-secret');

describe('cursor codec', () => {
  it('round-trips a position through an opaque URL-safe string', () => {
    const position = { sort: 'rating', key: [8.5, '2026-01-01T00:00:00.000Z', 'rev_1'] };
    const cursor = codec.encode(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(codec.decode(cursor)).toEqual(position);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['empty', ''],
    ['extra part', `${codec.encode({ a: 1 })}.x`],
    ['too long', 'a'.repeat(2000)],
  ])('refuses %s with a ValidationError on the cursor field', (_label, cursor) => {
    expect(() => codec.decode(cursor)).toThrow(ValidationError);
  });

  it('refuses an edited payload or signature', () => {
    const [payload, signature] = codec.encode({ id: 'rev_1' }).split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ id: 'rev_9' })).toString('base64url');
    expect(() => codec.decode(`${forged}.${signature}`)).toThrow(ValidationError);
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(() => codec.decode(`${payload}.${flipped}`)).toThrow(ValidationError);
  });

  it('refuses a cursor sealed with another secret', () => {
    const other = createCursorCodec('another-secret').encode({ id: 'rev_1' });
    expect(() => codec.decode(other)).toThrow(ValidationError);
  });

  it('names the cursor field in the error', () => {
    try {
      codec.decode('x.y');
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).errors).toEqual([
        { field: 'cursor', message: expect.any(String) },
      ]);
    }
  });
});
