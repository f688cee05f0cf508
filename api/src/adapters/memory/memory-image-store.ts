import type { ImageRecord } from '../../domain/image.js';
import type { ImageStore } from '../../ports/image-store.js';

const keyOf = (reviewId: string, imageId: string) => `${reviewId}/${imageId}`;
const copy = (record: ImageRecord): ImageRecord => structuredClone(record);
const byCreation = (a: ImageRecord, b: ImageRecord) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** Image records in a Map, for tests; the same version rule as the durable stores. */
export function createMemoryImageStore(): ImageStore {
  const records = new Map<string, ImageRecord>();
  return {
    async put(record) {
      const key = keyOf(record.reviewId, record.id);
      const stored = records.get(key);
      const expected = stored ? stored.version + 1 : 1;
      if (record.version !== expected) return false;
      records.set(key, copy(record));
      return true;
    },
    async get(reviewId, imageId) {
      const stored = records.get(keyOf(reviewId, imageId));
      return stored && copy(stored);
    },
    async listByReview(reviewId) {
      return [...records.values()]
        .filter((r) => r.reviewId === reviewId)
        .sort(byCreation)
        .map(copy);
    },
    async *listAll() {
      for (const record of [...records.values()]) yield copy(record);
    },
    async delete(reviewId, imageId) {
      records.delete(keyOf(reviewId, imageId));
    },
  };
}
