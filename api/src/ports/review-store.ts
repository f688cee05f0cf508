import type { Review, ReviewStatus } from '../domain/review.js';

/** Where a page of an editor's list starts: after the review with this creation time and id. */
export interface ReviewListPosition {
  createdAt: string;
  id: string;
}

export interface ReviewListQuery {
  /** Only this author's reviews; every author's when omitted (admins). */
  authorId?: string;
  status?: ReviewStatus;
  /** 1–100. */
  limit: number;
  after?: ReviewListPosition;
}

export interface ReviewPage {
  /** Newest first by `createdAt`, ties by `id` descending; never more than `limit`. */
  items: Review[];
  /** Whether more reviews follow the last item. */
  hasMore: boolean;
}

/**
 * Persistence for reviews. Every write is one conditional single-item write, so a store without
 * transactions (DynamoDB's test double) implements it with `ConditionExpression` alone:
 * reviews are items keyed by id, and each slug is an item of its own that one review holds.
 */
export interface ReviewStore {
  /**
   * Takes `slug` for review `reviewId` (a conditional put of the slug item).
   * Taking a slug the same review already holds succeeds and changes nothing.
   * @throws ConflictError when another review holds it.
   */
  claimSlug(slug: string, reviewId: string): Promise<void>;

  /**
   * Gives `slug` up, only if `reviewId` holds it (a conditional delete); otherwise does nothing,
   * so a late release can never free a slug that has since gone to another review.
   */
  releaseSlug(slug: string, reviewId: string): Promise<void>;

  /**
   * The id of the review holding `slug` (its current slug, or an old one it keeps, see the slug
   * history), or `undefined` when no review holds it. One consistent read of the slug item.
   */
  slugHolder(slug: string): Promise<string | undefined>;

  /**
   * Stores a new review. The caller has claimed its slug first.
   * @throws ConflictError when a review with this id exists.
   */
  create(review: Review): Promise<void>;

  /** The review with this id, or `undefined`. */
  get(id: string): Promise<Review | undefined>;

  /** The review whose current slug is `slug`, or `undefined`. */
  getBySlug(slug: string): Promise<Review | undefined>;

  /** One page of reviews, drafts and published alike, newest created first. */
  list(query: ReviewListQuery): Promise<ReviewPage>;

  /** Every published review, in no particular order: what the public read model is built from. */
  listPublished(): Promise<Review[]>;

  /**
   * Replaces a review, only if its stored version is still `expectedVersion` (a conditional put).
   * `review.version` is the new version. Slug changes are claimed and released by the caller.
   * @throws NotFoundError when no review has this id.
   * @throws PreconditionFailedError when the stored version is not `expectedVersion`.
   */
  update(review: Review, expectedVersion: number): Promise<void>;

  /**
   * Deletes a review, only if its stored version is still `expectedVersion` (a conditional
   * delete). Its slug is released by the caller.
   * @throws NotFoundError when no review has this id.
   * @throws PreconditionFailedError when the stored version is not `expectedVersion`.
   */
  delete(id: string, expectedVersion: number): Promise<void>;
}
