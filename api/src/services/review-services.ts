import type { Clock } from '../ports/clock.js';
import { createAccessTokens } from './access-tokens.js';
import { createBearerTokenResolver } from './bearer-token-resolver.js';
import { createCursorCodec, LIST_CURSOR_KEY } from './cursor.js';
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
  return {
    currentUser: createBearerTokenResolver({ users: stores.users, tokens }),
    reviews: createReviewService({
      reviews: stores.reviews,
      clock,
      cursors: createCursorCodec(LIST_CURSOR_KEY),
      ...(options.onPublishedContentChange
        ? { onPublishedContentChange: options.onPublishedContentChange }
        : {}),
    }),
  };
}
