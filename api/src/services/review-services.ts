import type { Clock } from '../ports/clock.js';
import { createAccessTokens } from './access-tokens.js';
import { createBearerTokenResolver } from './bearer-token-resolver.js';
import { createSecretCursorCodec } from './cursor.js';
import { createReviewService } from './review-service.js';
import type { ReviewServices, ServiceOptions, Stores } from './service-types.js';

export interface ReviewServiceOptions extends ServiceOptions {
  /**
   * Called after a write that changes published content, so a read model in the same process can
   * rebuild before the writer reads again. None on Lambda, where the read model lives elsewhere.
   */
  onPublishedContentChange?: () => Promise<void>;
}

/** The editors' reviews, and the token check in front of them (no password hashing). */
export function createReviewServices(
  stores: Stores,
  clock: Clock,
  options: ReviewServiceOptions = {},
): ReviewServices {
  const tokens = createAccessTokens({ secrets: stores.secrets, clock, stage: options.stage });
  // List cursors are sealed with a key derived from the JWT secret (see cursor.ts).
  const cursors = createSecretCursorCodec(stores.secrets);
  const reviews = createReviewService({
    reviews: stores.reviews,
    clock,
    cursors,
    ...(options.onPublishedContentChange
      ? { onPublishedContentChange: options.onPublishedContentChange }
      : {}),
  });
  return {
    currentUser: createBearerTokenResolver({ users: stores.users, tokens }),
    reviews: {
      ...reviews,
      async list(user, options) {
        await cursors.ready();
        return reviews.list(user, options);
      },
    },
  };
}
