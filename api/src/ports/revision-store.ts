import type { Revision, RevisionSummary } from '../domain/revision.js';

/**
 * Persistence for the revisions of reviews (see `domain/revision.ts`). Every write is a
 * single-item conditional write, so DynamoDB needs no transactions: revisions are items beside
 * their review, keyed by review id and number.
 */
export interface RevisionStore {
  /**
   * Keeps a revision. The number is the review's version, and the review's own conditional
   * write already let only one save make that version; the store refuses a second revision
   * with the same number all the same (a conditional put), so two saves can never both be `n`.
   * @throws ConflictError when the review already has a revision `revision.n`.
   */
  append(revision: Revision): Promise<void>;

  /** The review's revisions, newest first, without their content (bodies can be long). */
  list(reviewId: string): Promise<RevisionSummary[]>;

  /** Revision `n` of the review, content included, or `undefined` (never kept, or pruned). */
  get(reviewId: string, n: number): Promise<Revision | undefined>;

  /**
   * Deletes all but the newest `keep` revisions of the review (`0` deletes them all, as deleting
   * the review does). Deleting what is already gone is not an error.
   */
  prune(reviewId: string, keep: number): Promise<void>;
}
