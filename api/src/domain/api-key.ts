import { COUNTER_ID_PATTERN } from './counter.js';
import { ValidationError } from './errors.js';
import { hasUnsafeCharacters, normalizeText, UNSAFE_TEXT_MESSAGE } from './text.js';

/** Token-bucket settings for one key: a steady rate and the burst it may spend at once. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export const DEFAULT_KEY_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 60 };

/** An API key as stored: only a hash of the secret, never the secret itself. */
export interface ApiKey {
  id: string;
  name: string;
  /** Counter-id patterns this key may touch: exact ids, `prefix*`, or `*`. */
  scope: string[];
  /** SHA-256 (hex) of the full key. Keys are 256 random bits, so a slow hash adds nothing. */
  hash: string;
  /** The first characters of the key, enough for a person to recognise it in a list. */
  prefix: string;
  rateLimit: RateLimit;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** The public view of a key: everything but the hash. */
export type ApiKeySummary = Omit<ApiKey, 'hash'>;

export function toApiKeySummary(key: ApiKey): ApiKeySummary {
  const { hash: _hash, ...summary } = key;
  return summary;
}

const SCOPE_PATTERN = /^(\*|[a-z0-9][a-z0-9._-]{0,63}\*?)$/;
/** The longest key name, in UTF-16 code units (as zod and the OpenAPI `maxLength` count). */
export const KEY_NAME_MAX = 100;

/**
 * Checks and normalises a key's scope. A pattern is an exact counter id, a prefix ending in `*`
 * (`review-*`), or `*` alone; a star anywhere else is refused rather than guessed at.
 */
export function parseScope(input: string | readonly string[]): string[] {
  const parts = (typeof input === 'string' ? input.split(',') : [...input])
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const invalid = parts.filter((part) => !SCOPE_PATTERN.test(part));
  if (parts.length === 0 || invalid.length > 0) {
    throw new ValidationError('Invalid key scope', [
      {
        field: 'scope',
        message:
          parts.length === 0
            ? 'at least one counter id pattern is required'
            : `not a counter id pattern: ${invalid.join(', ')} (use an id, a prefix ending in "*", or "*")`,
      },
    ]);
  }
  return [...new Set(parts)];
}

/**
 * The stored form of a key name (trimmed, NFC), under the same text rules as user and review
 * text: an admin reads these names in lists and consoles, where a control character or a bidi
 * override would make one key look like another.
 * @throws ValidationError on field `name`.
 */
export function parseKeyName(input: string): string {
  const name = normalizeText(input.trim());
  if (hasUnsafeCharacters(name)) {
    throw new ValidationError('Invalid key name', [
      { field: 'name', message: UNSAFE_TEXT_MESSAGE },
    ]);
  }
  if (name.length === 0 || name.length > KEY_NAME_MAX) {
    throw new ValidationError('Invalid key name', [
      { field: 'name', message: `1–${KEY_NAME_MAX} characters` },
    ]);
  }
  return name;
}

export function parseRateLimit(input: Partial<RateLimit>): RateLimit {
  const limit = { ...DEFAULT_KEY_RATE_LIMIT, ...input };
  const errors = (['perSecond', 'burst'] as const)
    .filter((f) => !Number.isFinite(limit[f]) || limit[f] < 1 || limit[f] > 100_000)
    .map((field) => ({ field: `rateLimit.${field}`, message: 'a number from 1 to 100000' }));
  if (errors.length > 0) throw new ValidationError('Invalid rate limit', errors);
  return limit;
}

/** Whether a key with this scope may count or read `counterId`. */
export function scopeAllows(scope: readonly string[], counterId: string): boolean {
  if (!COUNTER_ID_PATTERN.test(counterId)) return false;
  return scope.some((pattern) =>
    pattern.endsWith('*') ? counterId.startsWith(pattern.slice(0, -1)) : pattern === counterId,
  );
}
