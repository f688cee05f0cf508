import { ConflictError } from '../../domain/errors.js';
import { summaryOf, type Revision } from '../../domain/revision.js';
import type { RevisionStore } from '../../ports/revision-store.js';

/** Revisions in process memory, for tests and as the contract suite's reference. */
export function createMemoryRevisionStore(): RevisionStore {
  const byReview = new Map<string, Map<number, Revision>>();

  return {
    async append(revision) {
      const revisions = byReview.get(revision.reviewId) ?? new Map<number, Revision>();
      if (revisions.has(revision.n)) {
        throw new ConflictError(`Review ${revision.reviewId} already has revision ${revision.n}`);
      }
      revisions.set(revision.n, structuredClone(revision));
      byReview.set(revision.reviewId, revisions);
    },
    async list(reviewId) {
      return [...(byReview.get(reviewId)?.values() ?? [])].sort((a, b) => b.n - a.n).map(summaryOf);
    },
    async get(reviewId, n) {
      const revision = byReview.get(reviewId)?.get(n);
      return revision && structuredClone(revision);
    },
    async prune(reviewId, keep) {
      const revisions = byReview.get(reviewId);
      if (!revisions) return;
      const numbers = [...revisions.keys()].sort((a, b) => b - a);
      for (const n of numbers.slice(keep)) revisions.delete(n);
      if (revisions.size === 0) byReview.delete(reviewId);
    },
  };
}
