import { createHash } from 'node:crypto';
import { ConflictError, UnprocessableError } from '../domain/errors.js';
import type { Clock } from '../ports/clock.js';
import type { IdempotencyStore, StoredResponse } from '../ports/idempotency-store.js';

/** How long a completed key answers retries: the window a client may retry in. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
/**
 * How long a claim holds while its request runs. A process that dies mid-request frees the key
 * after this lease (a retry then runs afresh) instead of blocking it for a day.
 */
export const IDEMPOTENCY_LEASE_MS = 2 * 60 * 1000;

export interface IdempotentResult {
  response: StoredResponse;
  /** Whether this is the first request's answer given again (nothing was executed). */
  replayed: boolean;
}

/**
 * `Idempotency-Key` for creating requests: the first request with a key runs, a retry with the
 * same key and the same request by the same user within 24 h gets the first answer again.
 */
export interface IdempotencyService {
  /**
   * Runs `execute` for the first request with (`userId`, `key`), and replays its answer after.
   * A failed `execute` is not remembered: the key is released and a retry runs again.
   * @param request what identifies the request (the parsed body): hashed, never stored.
   * @throws UnprocessableError (`idempotency-key-reused`) when the key came with another request;
   *   ConflictError while the first request with the key is still running.
   */
  run(
    userId: string,
    key: string,
    request: unknown,
    execute: () => Promise<StoredResponse>,
  ): Promise<IdempotentResult>;
}

/** JSON with object keys sorted, so that the same request hashes alike however it was written. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

export function createIdempotencyService({
  store,
  clock,
}: {
  store: IdempotencyStore;
  clock: Clock;
}): IdempotencyService {
  return {
    async run(userId, key, request, execute) {
      // Keys are per user: one editor's key never answers another's request.
      const id = sha256(`${userId}\n${key}`);
      const requestHash = sha256(canonicalJson(request));
      const now = clock.now();
      const held = await store.claim(
        {
          key: id,
          requestHash,
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_LEASE_MS).toISOString(),
        },
        now,
      );
      if (held) {
        if (held.requestHash !== requestHash) {
          throw new UnprocessableError(
            'This Idempotency-Key was used with another request; use a new key for a new request',
            'idempotency-key-reused',
            'Idempotency key reused',
            [{ field: 'idempotency-key', message: 'already used with a different request body' }],
          );
        }
        if (!held.response) {
          throw new ConflictError(
            'The first request with this Idempotency-Key is still in progress; retry in a moment',
          );
        }
        return { response: held.response, replayed: true };
      }
      let response: StoredResponse;
      try {
        response = await execute();
      } catch (error) {
        await store.release(id).catch(() => undefined);
        throw error;
      }
      await store.complete({
        key: id,
        requestHash,
        expiresAt: new Date(clock.now().getTime() + IDEMPOTENCY_WINDOW_MS).toISOString(),
        response,
      });
      return { response, replayed: false };
    },
  };
}
