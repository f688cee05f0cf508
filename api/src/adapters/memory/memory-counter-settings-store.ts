import type { CounterSettingsStore } from '../../ports/counter-settings-store.js';

/** Counter settings in process memory, for tests. */
export function createMemoryCounterSettingsStore(): CounterSettingsStore {
  const publicIds = new Set<string>();
  let siteKey: string | undefined;
  return {
    async setPublic(counterId, isPublic) {
      if (isPublic) publicIds.add(counterId);
      else publicIds.delete(counterId);
    },
    async isPublic(counterId) {
      return publicIds.has(counterId);
    },
    async getSiteKey() {
      return siteKey;
    },
    async putSiteKeyIfAbsent(key) {
      siteKey ??= key;
      return siteKey;
    },
  };
}
