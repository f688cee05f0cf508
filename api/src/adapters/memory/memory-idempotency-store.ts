import type { IdempotencyRecord, IdempotencyStore } from '../../ports/idempotency-store.js';

/** Idempotency keys in process memory, for tests and as the contract suite's reference. */
export function createMemoryIdempotencyStore(): IdempotencyStore {
  const records = new Map<string, IdempotencyRecord>();
  return {
    async claim(record, now) {
      const held = records.get(record.key);
      if (held && held.expiresAt > now.toISOString()) return structuredClone(held);
      records.set(record.key, structuredClone(record));
      return undefined;
    },
    async complete(record) {
      records.set(record.key, structuredClone(record));
    },
    async release(key) {
      if (records.get(key)?.response === undefined) records.delete(key);
    },
  };
}
