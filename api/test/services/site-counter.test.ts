import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import { createServices } from '../../src/services/create-services.js';
import { createTestClock } from '../support/clock.js';

describe('the site key the reader pages count with', () => {
  it('is made once, scoped to default and review-*, and works on the counter', async () => {
    const clock = createTestClock();
    const stores = createMemoryStores(clock);
    const services = createServices(stores, clock);
    expect(await services.siteCounter.key()).toBeUndefined();

    const first = await services.siteCounter.ensureKey();
    expect(first.created).toBe(true);
    expect(first.key).toMatch(/^shk_/);
    expect(await services.siteCounter.ensureKey()).toEqual({ key: first.key, created: false });
    expect(await services.siteCounter.key()).toBe(first.key);

    const keys = await services.apiKeys.list();
    expect(keys).toHaveLength(1);
    expect(keys[0]!.scope).toEqual(['default', 'review-*']);
    await services.apiKeys.authorize(first.key, 'review-x100v');
    await expect(services.apiKeys.authorize(first.key, 'blog')).rejects.toThrow(/does not cover/);
  });

  it('revokes its own key when another process kept one first', async () => {
    const clock = createTestClock();
    const stores = createMemoryStores(clock);
    const services = createServices(stores, clock);
    // The other process wins between our read and our put.
    const getSiteKey = stores.counterSettings.getSiteKey;
    stores.counterSettings.getSiteKey = async () => undefined;
    await stores.counterSettings.putSiteKeyIfAbsent('shk_theirs');
    const result = await services.siteCounter.ensureKey();
    stores.counterSettings.getSiteKey = getSiteKey;
    expect(result).toEqual({ key: 'shk_theirs', created: false });
    const [ours] = await services.apiKeys.list();
    expect(ours!.revokedAt).not.toBeNull();
  });
});
