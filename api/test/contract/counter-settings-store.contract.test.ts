import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/services/create-services.js';
import { storeFactories } from '../support/store-factories.js';

const at = new Date('2026-11-21T10:00:00Z');

describe.each(storeFactories)('CounterSettingsStore contract: $name', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.create();
  });
  afterEach(() => stores.close());

  it('knows no counter as public until one is marked, and forgets it when unmarked', async () => {
    const settings = stores.counterSettings;
    expect(await settings.isPublic('blog')).toBe(false);
    await settings.setPublic('blog', true, at);
    await settings.setPublic('blog', true, at); // idempotent
    expect(await settings.isPublic('blog')).toBe(true);
    expect(await settings.isPublic('other')).toBe(false);
    await settings.setPublic('blog', false, at);
    await settings.setPublic('blog', false, at);
    expect(await settings.isPublic('blog')).toBe(false);
  });

  it('keeps public markers apart from the counts', async () => {
    await stores.counterSettings.setPublic('blog', true, at);
    expect(await stores.counters.getCounter('blog', [])).toBeUndefined();
  });

  it('keeps the first site key and answers it to every later writer', async () => {
    const settings = stores.counterSettings;
    expect(await settings.getSiteKey()).toBeUndefined();
    const [a, b] = await Promise.all([
      settings.putSiteKeyIfAbsent('shk_first'),
      settings.putSiteKeyIfAbsent('shk_second'),
    ]);
    expect(a).toBe(b);
    expect(['shk_first', 'shk_second']).toContain(a);
    expect(await settings.putSiteKeyIfAbsent('shk_third')).toBe(a);
    expect(await settings.getSiteKey()).toBe(a);
  });
});
