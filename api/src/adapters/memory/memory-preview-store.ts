import type { PreviewLink, PreviewRender, PreviewStore } from '../../ports/preview-store.js';

/** Preview links and renders in Maps, for tests; the same rules as the durable stores. */
export function createMemoryPreviewStore(): PreviewStore {
  const links = new Map<string, PreviewLink>();
  const renders = new Map<string, PreviewRender>();
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
      renders.delete(reviewId);
      return removed;
    },
    async latestExpiry(reviewId) {
      let latest: string | undefined;
      for (const link of links.values()) {
        if (link.reviewId === reviewId && (latest === undefined || link.expiresAt > latest))
          latest = link.expiresAt;
      }
      return latest;
    },
    async putRender(render) {
      const stored = renders.get(render.reviewId);
      if (stored && stored.version > render.version) return false;
      renders.set(render.reviewId, { ...render });
      return true;
    },
    async getRender(reviewId) {
      const render = renders.get(reviewId);
      return render && { ...render };
    },
    async deleteRender(reviewId) {
      renders.delete(reviewId);
    },
  };
}
