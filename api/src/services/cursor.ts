import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../domain/errors.js';
import type { SecretProvider } from '../ports/secret-provider.js';

/** Longest cursor accepted; a real one is well under this, so a longer one is refused unread. */
const MAX_CURSOR_LENGTH = 1024;
const MAC_LENGTH = 16;

/**
 * HKDF `info` label that turns the instance's JWT secret into the cursor key. A distinct label
 * means the two keys are unrelated: a cursor MAC never helps anyone sign a token, and the
 * token secret is never used for anything else directly.
 */
export const CURSOR_KEY_LABEL = 'shutter/list-cursor/v1';

/**
 * The key of the MAC on list cursors, derived from the deployment's JWT secret (HKDF-SHA256,
 * {@link CURSOR_KEY_LABEL}). Every process of one deployment reads the same secret, so a cursor
 * opens on any Lambda instance; another deployment, or one with a rotated secret, cannot open it
 * (the client is asked to start the list again). The MAC guards cursors against edits, not
 * secrecy: they hold only positions in lists the caller may read anyway.
 */
export function deriveCursorKey(jwtSecret: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', jwtSecret, new Uint8Array(0), CURSOR_KEY_LABEL, 32));
}

export interface CursorCodec {
  /** Seals a position as an opaque, URL-safe string. */
  encode(position: unknown): string;
  /**
   * Opens a cursor made by {@link encode} with the same secret.
   * @throws ValidationError (field `cursor`) when it was altered, truncated or made up.
   */
  decode(cursor: string): unknown;
}

function invalid(): ValidationError {
  return new ValidationError('The cursor is not valid', [
    { field: 'cursor', message: 'use the nextCursor of a previous response, unchanged' },
  ]);
}

/**
 * Cursors as base64url JSON followed by a truncated HMAC-SHA256 of it: a client can carry them but
 * not edit or forge them, so a tampered cursor is a clean 400 and never reaches a query. The
 * position inside is still readable; it holds nothing but sort keys of things the caller has
 * already seen.
 */
export function createCursorCodec(key: string | Uint8Array): CursorCodec {
  return createCodec(() => key);
}

function createCodec(key: () => string | Uint8Array): CursorCodec {
  const mac = (payload: string) =>
    createHmac('sha256', key()).update(payload).digest().subarray(0, MAC_LENGTH);

  return {
    encode(position) {
      const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    decode(cursor) {
      if (cursor.length > MAX_CURSOR_LENGTH) throw invalid();
      const [payload, signature, extra] = cursor.split('.');
      if (!payload || !signature || extra !== undefined) throw invalid();
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
      try {
        return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
      } catch {
        throw invalid();
      }
    },
  };
}

/** A cursor codec whose key is fetched from the secret provider, which is asynchronous. */
export interface SecretCursorCodec extends CursorCodec {
  /**
   * Loads the key (again: the provider caches, and a rotated secret is picked up here). Call it
   * before {@link CursorCodec.encode} or {@link CursorCodec.decode} in each request that uses
   * cursors; both throw until it has resolved once.
   */
  ready(): Promise<void>;
}

/**
 * A {@link CursorCodec} keyed with {@link deriveCursorKey} of the provider's JWT secret. The
 * builders of the services that page (content, reviews) await {@link SecretCursorCodec.ready}
 * in front of their list methods, so encode and decode stay synchronous.
 */
export function createSecretCursorCodec(secrets: SecretProvider): SecretCursorCodec {
  let secret: Uint8Array | undefined;
  let key: Buffer | undefined;
  const codec = createCodec(() => {
    if (!key) throw new Error('The cursor key is not loaded: await ready() first');
    return key;
  });
  return {
    ...codec,
    async ready() {
      const current = await secrets.getJwtSecret();
      if (current !== secret) {
        key = deriveCursorKey(current);
        secret = current;
      }
    },
  };
}
