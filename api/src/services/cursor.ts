import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../domain/errors.js';

/** Longest cursor accepted; a real one is well under this, so a longer one is refused unread. */
const MAX_CURSOR_LENGTH = 1024;
const MAC_LENGTH = 16;

/**
 * Key of the MAC on list cursors. It guards cursors against edits, not secrecy: they hold only
 * positions in lists the caller may read anyway, and every filter and scope is checked again
 * server-side, so a forged cursor can move within a list the caller may read, never into another.
 * A constant (not a per-process secret) because a cursor must open on any Lambda instance.
 */
export const LIST_CURSOR_KEY = 'shutter-list-cursor-v1';

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
export function createCursorCodec(secret: string): CursorCodec {
  const mac = (payload: string) =>
    createHmac('sha256', secret).update(payload).digest().subarray(0, MAC_LENGTH);

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
