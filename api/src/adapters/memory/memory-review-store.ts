import { ConflictError, NotFoundError, PreconditionFailedError } from '../../domain/errors.js';
import type { Review } from '../../domain/review.js';
import type { ReviewStore } from '../../ports/review-store.js';

const copy = (review: Review): Review => structuredClone(review);

/** Newest created first, ties by id descending: the order every adapter lists in. */
function newestFirst(a: Review, b: Review): number {
  return b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
}

/** Reviews in process memory, for unit tests and as the contract suite's reference. */
export function createMemoryReviewStore(): ReviewStore {
  const byId = new Map<string, Review>();
  const slugs = new Map<string, string>();

  function current(id: string, expectedVersion: number): Review {
    const stored = byId.get(id);
    if (!stored) throw new NotFoundError(`No review with id "${id}"`);
    if (stored.version !== expectedVersion) {
      throw new PreconditionFailedError(
        `The review is at version ${stored.version}, not ${expectedVersion}`,
      );
    }
    return stored;
  }

  return {
    async claimSlug(slug, reviewId) {
      const holder = slugs.get(slug);
      if (holder !== undefined && holder !== reviewId) {
        throw new ConflictError(`The slug "${slug}" is taken by another review`);
      }
      slugs.set(slug, reviewId);
    },
    async releaseSlug(slug, reviewId) {
      if (slugs.get(slug) === reviewId) slugs.delete(slug);
    },
    async slugHolder(slug) {
      return slugs.get(slug);
    },
    async create(review) {
      if (byId.has(review.id)) throw new ConflictError(`A review with id "${review.id}" exists`);
      byId.set(review.id, copy(review));
    },
    async get(id) {
      const review = byId.get(id);
      return review && copy(review);
    },
    async getBySlug(slug) {
      const id = slugs.get(slug);
      const review = id === undefined ? undefined : byId.get(id);
      return review?.slug === slug ? copy(review) : undefined;
    },
    async list({ authorId, status, limit, after }) {
      const matching = [...byId.values()]
        .filter(
          (r) =>
            (authorId === undefined || r.authorId === authorId) &&
            (status === undefined || r.status === status) &&
            (after === undefined ||
              r.createdAt < after.createdAt ||
              (r.createdAt === after.createdAt && r.id < after.id)),
        )
        .sort(newestFirst);
      return { items: matching.slice(0, limit).map(copy), hasMore: matching.length > limit };
    },
    async listPublished() {
      return [...byId.values()].filter((r) => r.status === 'published').map(copy);
    },
    async update(review, expectedVersion) {
      current(review.id, expectedVersion);
      byId.set(review.id, copy(review));
    },
    async delete(id, expectedVersion) {
      current(id, expectedVersion);
      byId.delete(id);
    },
  };
}
