import { NotFoundError } from '../domain/errors.js';
import type { Review } from '../domain/review.js';
import type { Clock } from '../ports/clock.js';
import type { ImageStore } from '../ports/image-store.js';
import type { PreviewStore } from '../ports/preview-store.js';
import type { ReviewStore } from '../ports/review-store.js';
import { createBodyRenderer, publicDocumentOf } from './content-pipeline/public-detail.js';
import { tokenHashOf } from './preview-links.js';

/** A draft as a preview link shows it: the public detail readers would get once it is published. */
export interface PreviewDocument {
  /** The detail JSON, as `GET /content/{slug}` would send it. */
  json: string;
  etag: string;
}

/** The readers' side: what a link shows, rendered at read time (previews are rare). */
export interface PreviewReader {
  /** @throws NotFoundError for an unknown, expired or revoked token, or a deleted review. */
  open(token: string): Promise<PreviewDocument>;
}

export interface PreviewReaderDeps {
  previews: Pick<PreviewStore, 'get'>;
  reviews: Pick<ReviewStore, 'get'>;
  images: Pick<ImageStore, 'listByReview'>;
  clock: Clock;
}

export function createPreviewReader(deps: PreviewReaderDeps): PreviewReader {
  const renderBody = createBodyRenderer();
  const gone = () =>
    new NotFoundError('This preview link does not exist, has expired or was revoked');
  return {
    async open(token) {
      const link = await deps.previews.get(tokenHashOf(token));
      if (!link || Date.parse(link.expiresAt) <= deps.clock.now().getTime()) throw gone();
      const review = await deps.reviews.get(link.reviewId);
      if (!review) throw gone();
      // Rendered as the worker renders a published review, with the same renderer and photos;
      // a draft shows the instant it is looked at as its publication date.
      const asPublished: Review = {
        ...review,
        status: 'published',
        publishedAt: review.publishedAt ?? deps.clock.now().toISOString(),
      };
      // No author name: the content function may not read the users table (least privilege).
      const doc = publicDocumentOf(
        asPublished,
        renderBody,
        await deps.images.listByReview(review.id),
      );
      return { json: doc.json, etag: doc.etag };
    },
  };
}
