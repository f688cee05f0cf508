import type { Clock } from '../ports/clock.js';
import { createAccessTokens } from './access-tokens.js';
import { createBearerTokenResolver } from './bearer-token-resolver.js';
import { createSecretCursorCodec } from './cursor.js';
import { createReviewService } from './review-service.js';
import { createRevisionService } from './revision-service.js';
import { createIdempotencyService } from './idempotency-service.js';
import { queueReviewChanges } from './content-pipeline/content-jobs.js';
import { createImagesService } from './images/images-service.js';
import { createPreviewLinkService } from './preview-links.js';
import { createPreviewRefresh } from './preview-refresh.js';
import { publishJob } from './scheduled-publishing.js';
import type { ReviewServices, ServiceOptions, Stores } from './service-types.js';

/** The stores the editors' reviews use. */
export type ReviewStores = Pick<
  Stores,
  | 'reviews'
  | 'revisions'
  | 'idempotency'
  | 'previews'
  | 'images'
  | 'users'
  | 'secrets'
  | 'jobs'
  | 'blobs'
  | 'uploadSigner'
>;

/** The editors' reviews, and the token check in front of them (no password hashing). */
export function createReviewServices(
  stores: ReviewStores,
  clock: Clock,
  options: ServiceOptions = {},
): ReviewServices {
  const tokens = createAccessTokens({ secrets: stores.secrets, clock, stage: options.stage });
  // List cursors are sealed with a key derived from the JWT secret (see cursor.ts).
  const cursors = createSecretCursorCodec(stores.secrets);
  // Preview links show a render the content worker makes: a change queues it, never renders here.
  const previews = createPreviewRefresh({
    previews: stores.previews,
    jobs: stores.jobs,
    clock,
    ...(options.afterContentQueued ? { afterQueued: options.afterContentQueued } : {}),
  });
  const reviews = createReviewService({
    reviews: stores.reviews,
    images: stores.images,
    clock,
    cursors,
    revisions: stores.revisions,
    ...(options.revisionsKept !== undefined ? { revisionsKept: options.revisionsKept } : {}),
    // A write that may change published content queues the materialisation of its slugs.
    onPublishedContentChange: async (slugs) => {
      await queueReviewChanges(stores.jobs, slugs);
      await options.afterContentQueued?.();
    },
    // A scheduled review queues the job that publishes it when due (scheduled-publishing.ts).
    onScheduled: async ({ id, publishAt }) => {
      await stores.jobs.enqueue(publishJob(id, publishAt, clock.now()));
      await options.afterContentQueued?.();
    },
    onReviewChanged: (id, change) =>
      change === 'deleted' ? previews.deleted(id) : previews.changed(id),
  });
  return {
    currentUser: createBearerTokenResolver({ users: stores.users, tokens }),
    images: createImagesService({
      ...stores,
      clock,
      onReviewChanged: previews.changed,
      ...(options.afterContentQueued ? { afterQueued: options.afterContentQueued } : {}),
    }),
    revisions: createRevisionService({ reviews, revisions: stores.revisions }),
    idempotency: createIdempotencyService({ store: stores.idempotency, clock }),
    previewLinks: createPreviewLinkService({
      previews: stores.previews,
      reviews,
      clock,
      refresh: previews,
    }),
    reviews: {
      ...reviews,
      async list(user, options) {
        await cursors.ready();
        return reviews.list(user, options);
      },
    },
  };
}
