import { createHash, randomBytes } from 'node:crypto';
import {
  parseKeyName,
  parseRateLimit,
  parseScope,
  scopeAllows,
  toApiKeySummary,
  type ApiKey,
  type ApiKeySummary,
  type RateLimit,
} from '../domain/api-key.js';
import { ForbiddenError, ThrottledError, UnauthenticatedError } from '../domain/errors.js';
import type { ApiKeyStore } from '../ports/api-key-store.js';
import type { Clock } from '../ports/clock.js';
import type { RateLimiter } from '../ports/rate-limiter.js';

export interface CreateApiKeyInput {
  name: string;
  scope: string | readonly string[];
  rateLimit?: Partial<RateLimit>;
}

/** A newly created key: the only time the secret itself is ever returned. */
export interface CreatedApiKey extends ApiKeySummary {
  key: string;
}

export interface ApiKeyService {
  create(input: CreateApiKeyInput): Promise<CreatedApiKey>;
  list(): Promise<ApiKeySummary[]>;
  /** @throws NotFoundError for an unknown id. */
  revoke(id: string): Promise<ApiKeySummary>;
  /**
   * Checks a presented key for one counter: it must exist, not be revoked, cover the counter and
   * be within its rate. @throws UnauthenticatedError, ForbiddenError or ThrottledError.
   */
  authorize(presented: string | undefined, counterId: string): Promise<ApiKeySummary>;
}

export interface ApiKeyServiceDeps {
  keys: ApiKeyStore;
  limiter: RateLimiter;
  clock: Clock;
}

const KEY_PREFIX = 'shk_';
const CHALLENGE = 'ApiKey header="x-api-key"';
/** Writing lastUsedAt on every request would turn each read into a write; once a minute is plenty. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function createApiKeyService({ keys, limiter, clock }: ApiKeyServiceDeps): ApiKeyService {
  const lastTouched = new Map<string, number>();

  function touchLater(key: ApiKey, now: Date): void {
    const previous = lastTouched.get(key.id) ?? (key.lastUsedAt ? Date.parse(key.lastUsedAt) : 0);
    if (now.getTime() - previous < TOUCH_INTERVAL_MS) return;
    lastTouched.set(key.id, now.getTime());
    // Fire and forget: a failed lastUsedAt update must never fail the visit it describes.
    keys.touch(key.id, now.toISOString()).catch(() => lastTouched.delete(key.id));
  }

  return {
    async create(input) {
      const name = parseKeyName(input.name);
      const scope = parseScope(input.scope);
      const rateLimit = parseRateLimit(input.rateLimit ?? {});
      const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const record: ApiKey = {
        id: `key_${randomBytes(8).toString('hex')}`,
        name,
        scope,
        hash: hashApiKey(secret),
        prefix: secret.slice(0, KEY_PREFIX.length + 6),
        rateLimit,
        createdAt: clock.now().toISOString(),
        revokedAt: null,
        lastUsedAt: null,
      };
      await keys.create(record);
      return { ...toApiKeySummary(record), key: secret };
    },

    async list() {
      return (await keys.list()).map(toApiKeySummary);
    },

    async revoke(id) {
      const revoked = await keys.revoke(id, clock.now().toISOString());
      lastTouched.delete(id);
      return toApiKeySummary(revoked);
    },

    async authorize(presented, counterId) {
      if (!presented) throw new UnauthenticatedError('An x-api-key header is required', CHALLENGE);
      const key = presented.startsWith(KEY_PREFIX)
        ? await keys.findByHash(hashApiKey(presented))
        : undefined;
      if (!key) throw new UnauthenticatedError('The API key is not valid', CHALLENGE);
      if (key.revokedAt) throw new UnauthenticatedError('The API key has been revoked', CHALLENGE);
      if (!scopeAllows(key.scope, counterId)) {
        throw new ForbiddenError(`The API key does not cover counter "${counterId}"`);
      }
      const now = clock.now();
      const decision = limiter.take(key.id, key.rateLimit, now);
      if (!decision.allowed) {
        throw new ThrottledError('Too many requests for this API key', decision.retryAfterSeconds);
      }
      touchLater(key, now);
      return toApiKeySummary(key);
    },
  };
}
