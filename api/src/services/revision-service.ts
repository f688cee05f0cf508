import type { CurrentUser } from '../domain/current-user.js';
import { NotFoundError } from '../domain/errors.js';
import type { Review } from '../domain/review.js';
import type { Revision, RevisionSummary } from '../domain/revision.js';
import type { RevisionStore } from '../ports/revision-store.js';
import { diffRevisions, type RevisionDiff } from './revision-diff.js';
import type { ReviewService } from './review-service.js';

/**
 * The revisions of a review, for whoever may read the review (its author, or an admin): another
 * editor's review answers 404 here too, exactly like a missing one.
 */
export interface RevisionService {
  /** The kept revisions, newest first, without content. @throws NotFoundError */
  list(user: CurrentUser, reviewId: string): Promise<RevisionSummary[]>;
  /** One revision with its content. @throws NotFoundError for the review or the revision. */
  get(user: CurrentUser, reviewId: string, n: number): Promise<Revision>;
  /** What changed from revision `from` to revision `to`. @throws NotFoundError */
  diff(user: CurrentUser, reviewId: string, from: number, to: number): Promise<RevisionDiff>;
  /**
   * Saves a new version whose content is revision `n`'s editable fields, except the slug and the
   * status, which stay as they are: restoring is about the text, and publishing, unpublishing or
   * renaming a review stays a decision of its own. The save is an ordinary one (If-Match, the
   * review rules, the publish checklist for a published review, a new revision).
   * @throws NotFoundError, and as {@link ReviewService.patch} for `If-Match`.
   */
  restore(
    user: CurrentUser,
    reviewId: string,
    n: number,
    ifMatch: string | undefined,
  ): Promise<Review>;
}

export function createRevisionService({
  reviews,
  revisions,
}: {
  reviews: Pick<ReviewService, 'get' | 'patch'>;
  revisions: RevisionStore;
}): RevisionService {
  async function revisionOf(user: CurrentUser, reviewId: string, n: number): Promise<Revision> {
    await reviews.get(user, reviewId);
    const revision = await revisions.get(reviewId, n);
    if (!revision) {
      throw new NotFoundError(
        `Review "${reviewId}" has no revision ${n} (it never existed, or was pruned)`,
      );
    }
    return revision;
  }

  return {
    async list(user, reviewId) {
      await reviews.get(user, reviewId);
      return revisions.list(reviewId);
    },
    get: revisionOf,
    async diff(user, reviewId, from, to) {
      const older = await revisionOf(user, reviewId, from);
      const newer = await revisionOf(user, reviewId, to);
      return diffRevisions(older, newer);
    },
    async restore(user, reviewId, n, ifMatch) {
      const revision = await revisionOf(user, reviewId, n);
      // Everything but the slug and the status; settings beside the content (a schedule) stay.
      const { slug: _slug, status: _status, ...text } = structuredClone(revision.content);
      return reviews.patch(user, reviewId, ifMatch, (current) => ({ ...current, ...text }));
    },
  };
}
