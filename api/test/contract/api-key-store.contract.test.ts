import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiKey } from '../../src/domain/api-key.js';
import { ConflictError, NotFoundError } from '../../src/domain/errors.js';
import type { Stores } from '../../src/services/create-services.js';
import { storeFactories } from '../support/store-factories.js';

const key = (id: string, overrides: Partial<ApiKey> = {}): ApiKey => ({
  id,
  name: `key ${id}`,
  scope: ['default', 'review-*'],
  hash: `hash-${id}`,
  prefix: 'shk_abcdef',
  rateLimit: { perSecond: 5, burst: 10 },
  createdAt: `2026-11-21T10:00:0${id.length % 10}.000Z`,
  revokedAt: null,
  lastUsedAt: null,
  ...overrides,
});

describe.each(storeFactories)('ApiKeyStore contract: $name', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.create();
  });
  afterEach(() => stores.close());

  it('stores a key and finds it by hash and by id, unchanged', async () => {
    const k = key('k1');
    await stores.apiKeys.create(k);
    expect(await stores.apiKeys.findByHash('hash-k1')).toEqual(k);
    expect(await stores.apiKeys.get('k1')).toEqual(k);
    expect(await stores.apiKeys.findByHash('hash-other')).toBeUndefined();
    expect(await stores.apiKeys.get('other')).toBeUndefined();
  });

  it('refuses a duplicate id or hash with ConflictError', async () => {
    await stores.apiKeys.create(key('k1'));
    await expect(stores.apiKeys.create(key('k1', { hash: 'different' }))).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(stores.apiKeys.create(key('k2', { hash: 'hash-k1' }))).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('lists keys newest first, revoked ones included', async () => {
    await stores.apiKeys.create(key('a', { createdAt: '2026-11-20T00:00:00.000Z' }));
    await stores.apiKeys.create(key('b', { createdAt: '2026-11-21T00:00:00.000Z' }));
    await stores.apiKeys.revoke('a', '2026-11-21T01:00:00.000Z');
    expect((await stores.apiKeys.list()).map((k) => [k.id, k.revokedAt])).toEqual([
      ['b', null],
      ['a', '2026-11-21T01:00:00.000Z'],
    ]);
  });

  it('revokes once: a second revoke keeps the first time', async () => {
    await stores.apiKeys.create(key('k1'));
    const first = await stores.apiKeys.revoke('k1', '2026-11-21T01:00:00.000Z');
    const second = await stores.apiKeys.revoke('k1', '2026-11-21T02:00:00.000Z');
    expect(first.revokedAt).toBe('2026-11-21T01:00:00.000Z');
    expect(second.revokedAt).toBe('2026-11-21T01:00:00.000Z');
    expect((await stores.apiKeys.findByHash('hash-k1'))?.revokedAt).toBe(
      '2026-11-21T01:00:00.000Z',
    );
  });

  it('revoking an unknown key is NotFoundError', async () => {
    await expect(
      stores.apiKeys.revoke('missing', '2026-11-21T01:00:00.000Z'),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('records when a key was last used', async () => {
    await stores.apiKeys.create(key('k1'));
    await stores.apiKeys.touch('k1', '2026-11-21T05:00:00.000Z');
    expect((await stores.apiKeys.get('k1'))?.lastUsedAt).toBe('2026-11-21T05:00:00.000Z');
  });
});
