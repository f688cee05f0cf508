import type { PublicContentStore, PublicDocument } from '../../ports/public-content-store.js';

/** The public documents in a Map, for tests; the same rules as the durable stores. */
export function createMemoryPublicContentStore(): PublicContentStore {
  const documents = new Map<string, PublicDocument>();
  return {
    async put(doc) {
      const stored = documents.get(doc.slug);
      if (stored && (stored.reviewId !== doc.reviewId || stored.version > doc.version)) {
        return false;
      }
      const { redirectTo, ...rest } = doc;
      // Stored exactly as the durable stores keep it: no `redirectTo` key unless it is set.
      documents.set(doc.slug, { ...rest, ...(redirectTo !== undefined ? { redirectTo } : {}) });
      return true;
    },
    async get(slug) {
      const stored = documents.get(slug);
      return stored && { ...stored };
    },
    async delete(slug, reviewId) {
      const stored = documents.get(slug);
      if (stored && (reviewId === undefined || stored.reviewId === reviewId)) {
        documents.delete(slug);
      }
    },
    async *listSlugs() {
      // A snapshot of the keys, so that puts and deletes during the iteration cannot break it.
      for (const slug of [...documents.keys()]) {
        const stored = documents.get(slug);
        if (stored) {
          yield {
            slug,
            reviewId: stored.reviewId,
            version: stored.version,
            ...(stored.redirectTo !== undefined ? { redirectTo: stored.redirectTo } : {}),
          };
        }
      }
    },
  };
}
