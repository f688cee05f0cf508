import type { PreviewLink, PreviewStore } from '../../ports/preview-store.js';

/** Preview links in a Map, for tests; the same rules as the durable stores. */
export function createMemoryPreviewStore(): PreviewStore {
  const links = new Map<string, PreviewLink>();
  return {
    async create(link) {
      links.set(link.tokenHash, { ...link });
    },
    async get(tokenHash) {
      const link = links.get(tokenHash);
      return link && { ...link };
    },
    async revokeAll(reviewId) {
      let removed = 0;
      for (const [hash, link] of [...links]) {
        if (link.reviewId === reviewId) {
          links.delete(hash);
          removed++;
        }
      }
      return removed;
    },
  };
}
