import type { SaltStore } from '../../ports/salt-store.js';

export function createMemorySaltStore(): SaltStore {
  const salts = new Map<string, { salt: string; expiresAt: number }>();
  return {
    async getOrCreateSalt(day, candidate, expiresAt) {
      const now = Date.now();
      for (const [key, value] of salts)
        if (value.expiresAt <= now && key !== day) salts.delete(key);
      const existing = salts.get(day);
      if (existing) return existing.salt;
      salts.set(day, { salt: candidate, expiresAt: expiresAt.getTime() });
      return candidate;
    },
  };
}
