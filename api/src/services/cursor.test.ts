import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors.js';
import type { SecretProvider } from '../ports/secret-provider.js';
import { createCursorCodec, createSecretCursorCodec, deriveCursorKey } from './cursor.js';

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

const createMemorySecretProvider = (secret: Uint8Array): SecretProvider => ({
  getJwtSecret: async () => secret,
});

describe('cursor key from the instance secret', () => {
  const secret = new Uint8Array(32).fill(7);

  it('derives a 32-byte key that depends on the secret and is not the secret', () => {
    const key = deriveCursorKey(secret);
    expect(key).toHaveLength(32);
    expect(key.equals(Buffer.from(secret))).toBe(false);
    expect(deriveCursorKey(secret).equals(key)).toBe(true);
    expect(deriveCursorKey(new Uint8Array(32).fill(8)).equals(key)).toBe(false);
  });

  it('opens cursors sealed by another codec of the same secret, not of another', async () => {
    const one = createSecretCursorCodec(createMemorySecretProvider(secret));
    const two = createSecretCursorCodec(createMemorySecretProvider(Uint8Array.from(secret)));
    const other = createSecretCursorCodec(createMemorySecretProvider(new Uint8Array(32)));
    await Promise.all([one.ready(), two.ready(), other.ready()]);
    const cursor = one.encode({ id: 'rev_1' });
    expect(two.decode(cursor)).toEqual({ id: 'rev_1' });
    expect(() => other.decode(cursor)).toThrow(ValidationError);
    // The constant of earlier versions no longer opens anything.
    const legacy = createCursorCodec('shutter-list-cursor-v1').encode({ id: 'rev_1' });
    expect(() => one.decode(legacy)).toThrow(ValidationError);
  });

  it('refuses to seal anything before its key is loaded', () => {
    const codec = createSecretCursorCodec(createMemorySecretProvider(secret));
    expect(() => codec.encode({ id: 'rev_1' })).toThrow(/ready/);
  });

  it('follows a rotated secret', async () => {
    let current = secret;
    const codec = createSecretCursorCodec({ getJwtSecret: async () => current });
    await codec.ready();
    const before = codec.encode({ id: 'rev_1' });
    current = new Uint8Array(32).fill(9);
    await codec.ready();
    expect(() => codec.decode(before)).toThrow(ValidationError);
  });
});
