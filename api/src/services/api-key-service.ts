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
  /**
   * How long a key found by `authorize` is reused without asking the store again (default 0, no
   * cache). A revocation through this service drops the key at once; one made by another process
   * (another Lambda instance, the `keys` CLI) is seen within this delay. Unknown keys are never
   * cached, so a key just created elsewhere works at once.
   */
  cacheTtlMs?: number;
}

/** Keys kept at most, so that many distinct keys cannot grow the cache without bound. */
const KEY_CACHE_LIMIT = 1_000;

const KEY_PREFIX = 'shk_';
const CHALLENGE = 'ApiKey header="x-api-key"';
/** Writing lastUsedAt on every request would turn each read into a write; once a minute is plenty. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function createApiKeyService({
  keys,
  limiter,
  clock,
  cacheTtlMs = 0,
}: ApiKeyServiceDeps): ApiKeyService {
  const lastTouched = new Map<string, number>();
  const cached = new Map<string, { key: ApiKey; until: number }>();

  async function findKey(hash: string, now: number): Promise<ApiKey | undefined> {
    const hit = cached.get(hash);
    if (hit && hit.until > now) return hit.key;
    const key = await keys.findByHash(hash);
    if (cacheTtlMs > 0 && key) {
      if (cached.size >= KEY_CACHE_LIMIT) cached.clear();
      cached.set(hash, { key, until: now + cacheTtlMs });
    }
    return key;
  }

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
      for (const [hash, hit] of cached) if (hit.key.id === id) cached.delete(hash);
      return toApiKeySummary(revoked);
    },

    async authorize(presented, counterId) {
      if (!presented) throw new UnauthenticatedError('An x-api-key header is required', CHALLENGE);
      const key = presented.startsWith(KEY_PREFIX)
        ? await findKey(hashApiKey(presented), clock.now().getTime())
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
