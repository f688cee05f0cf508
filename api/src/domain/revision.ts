import type { Review } from './review.js';

/**
 * The editable content a revision keeps: the fields an editor writes, slug and status included.
 * Listed one by one (not every field of the input) so that a revision's shape does not change
 * when the review gains a setting that is not content, such as a publishing schedule.
 */
export type RevisionContent = Pick<
  Review,
  | 'slug'
  | 'camera'
  | 'title'
  | 'summary'
  | 'body'
  | 'rating'
  | 'scores'
  | 'pros'
  | 'cons'
  | 'status'
>;

/** The content of a review as a revision keeps it (deep copies). */
export function revisionContentOf(review: RevisionContent): RevisionContent {
  return {
    slug: review.slug,
    camera: { ...review.camera },
    title: review.title,
    summary: review.summary,
    body: review.body,
    rating: review.rating,
    scores: { ...review.scores },
    pros: [...review.pros],
    cons: [...review.cons],
    status: review.status,
  };
}

/**
 * One saved version of a review: what its editable fields were after the save that made
 * version `n`. Every save (create, replace, patch, publish, unpublish, restore) keeps one, so an
 * editor can read, compare and restore any of the last ones kept.
 */
export interface Revision {
  reviewId: string;
  /** The review's version after this save: revision 3 is what `"v3"` held. */
  n: number;
  /** When the save happened (the review's `updatedAt` at that version). */
  savedAt: string;
  /** The id of the user who saved it (the author, or an admin). */
  savedBy: string;
  /** The editable fields as saved, slug and status included. */
  content: RevisionContent;
}

/** A revision without its content, as the list of revisions shows it. */
export interface RevisionSummary {
  reviewId: string;
  n: number;
  savedAt: string;
  savedBy: string;
  /** From the content, so that a list tells the versions apart without loading them. */
  title: string;
  status: Review['status'];
}

/** How many revisions of a review are kept unless `SHUTTER_REVISIONS_KEPT` says otherwise. */
export const DEFAULT_REVISIONS_KEPT = 50;

/** The revision a save of `review` (already at its new version) by `userId` keeps. */
export function revisionOf(review: Review, userId: string): Revision {
  return {
    reviewId: review.id,
    n: review.version,
    savedAt: review.updatedAt,
    savedBy: userId,
    content: revisionContentOf(review),
  };
}

/** The list entry of a revision. */
export function summaryOf(revision: Revision): RevisionSummary {
  return {
    reviewId: revision.reviewId,
    n: revision.n,
    savedAt: revision.savedAt,
    savedBy: revision.savedBy,
    title: revision.content.title,
    status: revision.content.status,
  };
}
