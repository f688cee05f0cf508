import type { Review } from '../../domain/review.js';
import type { Clock } from '../../ports/clock.js';
import type { ImageStore } from '../../ports/image-store.js';
import type { JobHandler } from '../../ports/job-queue.js';
import type { PreviewStore } from '../../ports/preview-store.js';
import type { ReviewStore } from '../../ports/review-store.js';
import type { ContentAuthor } from '../content-index/content-types.js';
import { publicDocumentOf, type BodyImages } from './public-detail.js';

export interface PreviewRenderDeps {
  reviews: Pick<ReviewStore, 'get'>;
  images: Pick<ImageStore, 'listByReview'>;
  previews: PreviewStore;
  clock: Clock;
  /** The pipeline's renderer (and its cache), the one published reviews are rendered with. */
  renderBody: (body: string, images?: BodyImages) => string;
  /** The author's public name, as a published review's detail shows it. */
  authorOf: (authorId: string) => Promise<ContentAuthor | undefined>;
}

/** What {@link renderPreview} did: stored a render, found no live link, or no review. */
export type PreviewRenderOutcome = 'rendered' | 'no-link' | 'gone';

/**
 * Brings a review's preview render in line with the store, for its preview links to show: the
 * draft rendered as readers would get it once published (same renderer, photos and author as
 * a published review), stored once per review whatever its number of links. A review with no
 * live link loses its render; a deleted one loses its render and its links. Idempotent, and a
 * late job never replaces the render of a newer version (the store refuses it).
 */
export async function renderPreview(
  deps: PreviewRenderDeps,
  reviewId: string,
): Promise<PreviewRenderOutcome> {
  const { previews, clock } = deps;
  const review = await deps.reviews.get(reviewId);
  if (!review) {
    // The reviews function revokes at the delete; this repairs a delete whose revoke was lost.
    await previews.revokeAll(reviewId);
    return 'gone';
  }
  const now = clock.now();
  const live = (until: string | undefined): until is string =>
    until !== undefined && Date.parse(until) > now.getTime();
  const keepUntil = await previews.latestExpiry(reviewId);
  if (!live(keepUntil)) {
    await previews.deleteRender(reviewId);
    return 'no-link';
  }
  // A draft shows the instant it was rendered as its publication date.
  const asPublished: Review = {
    ...review,
    status: 'published',
    publishedAt: review.publishedAt ?? now.toISOString(),
  };
  const doc = publicDocumentOf(
    asPublished,
    deps.renderBody,
    await deps.images.listByReview(reviewId),
    await deps.authorOf(review.authorId),
  );
  await previews.putRender({
    reviewId,
    version: review.version,
    json: doc.json,
    etag: doc.etag,
    renderedAt: now.toISOString(),
    keepUntil,
  });
  // Revoked while this ran: the revoke may have missed the render just stored.
  if (!live(await previews.latestExpiry(reviewId))) {
    await previews.deleteRender(reviewId);
    return 'no-link';
  }
  return 'rendered';
}

/** The `content:preview` job's handler. */
export function previewJobHandler(deps: PreviewRenderDeps): JobHandler {
  return async (job) => {
    const reviewId = (job.payload as { reviewId?: unknown } | null)?.reviewId;
    if (typeof reviewId !== 'string') throw new Error('A preview job needs a reviewId');
    await renderPreview(deps, reviewId);
  };
}
