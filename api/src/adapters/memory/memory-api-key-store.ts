import type { ApiKey } from '../../domain/api-key.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { ApiKeyStore } from '../../ports/api-key-store.js';

export function createMemoryApiKeyStore(): ApiKeyStore {
  const byId = new Map<string, ApiKey>();
  const copy = (key: ApiKey): ApiKey => ({
    ...key,
    scope: [...key.scope],
    rateLimit: { ...key.rateLimit },
  });

  return {
    async create(key) {
      if (byId.has(key.id) || [...byId.values()].some((k) => k.hash === key.hash)) {
        throw new ConflictError('An API key with this id or hash already exists');
      }
      byId.set(key.id, copy(key));
    },
    async findByHash(hash) {
      const key = [...byId.values()].find((k) => k.hash === hash);
      return key && copy(key);
    },
    async get(id) {
      const key = byId.get(id);
      return key && copy(key);
    },
    async list() {
      return [...byId.values()]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
        .map(copy);
    },
    async revoke(id, at) {
      const key = byId.get(id);
      if (!key) throw new NotFoundError(`No API key with id "${id}"`);
      key.revokedAt ??= at;
      return copy(key);
    },
    async touch(id, at) {
      const key = byId.get(id);
      if (key) key.lastUsedAt = at;
    },
  };
}
