import { describe, expect, it } from 'vitest';
import { createMemoryApiKeyStore } from '../../src/adapters/memory/memory-api-key-store.js';
import { createMemoryRateLimiter } from '../../src/adapters/memory/memory-rate-limiter.js';
import { UnauthenticatedError } from '../../src/domain/errors.js';
import type { ApiKeyStore } from '../../src/ports/api-key-store.js';
import { createApiKeyService } from '../../src/services/api-key-service.js';

/** A key store that counts lookups, and a clock the test moves. */
function setup(cacheTtlMs?: number) {
  const store = createMemoryApiKeyStore();
  let lookups = 0;
  const keys: ApiKeyStore = {
    ...store,
    findByHash: (hash) => {
      lookups += 1;
      return store.findByHash(hash);
    },
  };
  let now = Date.parse('2026-11-21T12:00:00Z');
  const clock = { now: () => new Date(now) };
  const options = { keys, limiter: createMemoryRateLimiter(), clock };
  const service = createApiKeyService(
    cacheTtlMs === undefined ? options : { ...options, cacheTtlMs },
  );
  // Another process on the same store (another Lambda instance, the keys CLI): no shared cache.
  const elsewhere = createApiKeyService({ keys: store, limiter: createMemoryRateLimiter(), clock });
  return {
    service,
    elsewhere,
    lookups: () => lookups,
    advance: (ms: number) => (now += ms),
  };
}

describe('API key service: the key cache', () => {
  it('asks the store on every request without a cache (the default)', async () => {
    const t = setup();
    const { key } = await t.service.create({ name: 'site', scope: 'default' });
    await t.service.authorize(key, 'default');
    await t.service.authorize(key, 'default');
    expect(t.lookups()).toBe(2);
  });

  it('reuses a found key within the delay, and still checks the scope per request', async () => {
    const t = setup(5_000);
    const { key } = await t.service.create({ name: 'site', scope: 'default' });
    await t.service.authorize(key, 'default');
    await t.service.authorize(key, 'default');
    await expect(t.service.authorize(key, 'other')).rejects.toThrow(/does not cover/);
    expect(t.lookups()).toBe(1);
    t.advance(5_000);
    await t.service.authorize(key, 'default');
    expect(t.lookups()).toBe(2);
  });

  it('refuses a key revoked in the same process at once', async () => {
    const t = setup(5_000);
    const created = await t.service.create({ name: 'site', scope: 'default' });
    await t.service.authorize(created.key, 'default');
    await t.service.revoke(created.id);
    await expect(t.service.authorize(created.key, 'default')).rejects.toThrow(UnauthenticatedError);
  });

  it('refuses a key revoked by another process once the delay has passed', async () => {
    const t = setup(5_000);
    const created = await t.service.create({ name: 'site', scope: 'default' });
    await t.service.authorize(created.key, 'default');
    await t.elsewhere.revoke(created.id);
    // Within the documented delay the cached key may still be accepted...
    t.advance(4_999);
    await t.service.authorize(created.key, 'default');
    // ...and never after it.
    t.advance(1);
    await expect(t.service.authorize(created.key, 'default')).rejects.toThrow(/revoked/);
  });

  it('never caches an unknown key: one created elsewhere works at once', async () => {
    const t = setup(5_000);
    await expect(t.service.authorize('shk_unknown', 'default')).rejects.toThrow(/not valid/);
    const created = await t.elsewhere.create({ name: 'site', scope: 'default' });
    await expect(t.service.authorize(created.key, 'default')).resolves.toMatchObject({
      id: created.id,
    });
  });
});
