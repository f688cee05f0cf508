import { describe, expect, it } from 'vitest';
import type { CounterSettingsStore } from '../ports/counter-settings-store.js';
import { createSiteKeyReader } from './site-key-reader.js';

/** The port's site-key half, in a variable (services may not import adapters). */
function createMemoryCounterSettingsStore(): CounterSettingsStore {
  let siteKey: string | undefined;
  return {
    setPublic: () => Promise.resolve(),
    isPublic: () => Promise.resolve(false),
    getSiteKey: () => Promise.resolve(siteKey),
    putSiteKeyIfAbsent: (key) => Promise.resolve((siteKey ??= key)),
  };
}

describe('the site key, read only', () => {
  it('answers undefined before the key is made, then the key, read once', async () => {
    const settings = createMemoryCounterSettingsStore();
    let reads = 0;
    const counted = {
      ...settings,
      getSiteKey: () => {
        reads += 1;
        return settings.getSiteKey();
      },
    };
    const reader = createSiteKeyReader(counted);
    expect(await reader.key()).toBeUndefined();
    // Made elsewhere (`npm run keys -- site`): the next render sees it.
    await settings.putSiteKeyIfAbsent('shk_site');
    expect(await reader.key()).toBe('shk_site');
    expect(await reader.key()).toBe('shk_site');
    expect(reads).toBe(2);
  });

  it('never makes a key', async () => {
    const settings = createMemoryCounterSettingsStore();
    await expect(createSiteKeyReader(settings).ensureKey()).rejects.toThrow(/npm run keys -- site/);
    expect(await settings.getSiteKey()).toBeUndefined();
  });
});
