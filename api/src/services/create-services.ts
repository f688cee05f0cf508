import type { ApiKeyStore } from '../ports/api-key-store.js';
import type { Clock } from '../ports/clock.js';
import type { CounterStore } from '../ports/counter-store.js';
import type { CurrentUserResolver } from '../ports/current-user.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { ReviewStore } from '../ports/review-store.js';
import type { SaltStore } from '../ports/salt-store.js';
import { createApiKeyService, type ApiKeyService } from './api-key-service.js';
import { createCounterService, type CounterService } from './counter-service.js';
import { createContentService, type ContentService } from './content-service.js';
import { createCursorCodec } from './cursor.js';
import { createReviewService, type ReviewService } from './review-service.js';
import { UnauthenticatedError } from '../domain/errors.js';

/** One adapter per port: what an entry point chooses (memory, SQLite or DynamoDB). */
export interface Stores {
  counters: CounterStore;
  salts: SaltStore;
  apiKeys: ApiKeyStore;
  limiter: RateLimiter;
  reviews: ReviewStore;
  /** Releases connections and file handles; safe to call once at shutdown. */
  close(): Promise<void>;
}

export interface Services {
  counters: CounterService;
  apiKeys: ApiKeyService;
  /** Resolves bearer tokens for the editor and admin routes. */
  currentUser: CurrentUserResolver;
  /** The editors' reviews. */
  reviews: ReviewService;
  /** The public read model of published reviews. */
  content: ContentService;
}

/**
 * Key of the MAC on list cursors. It guards cursors against edits, not secrecy: they hold only
 * positions in lists the caller may read anyway, and every filter is applied again server-side.
 */
const CURSOR_KEY = 'shutter-list-cursor-v1';

/** Builds every service from a set of stores: the one place services are assembled. */
export function createServices(stores: Stores, clock: Clock): Services {
  const cursors = createCursorCodec(CURSOR_KEY);
  const content = createContentService({ reviews: stores.reviews, clock, cursors });
  return {
    counters: createCounterService({ counters: stores.counters, salts: stores.salts, clock }),
    apiKeys: createApiKeyService({ keys: stores.apiKeys, limiter: stores.limiter, clock }),
    // Accounts arrive with their own issue; until then no bearer token is valid.
    currentUser: {
      resolve: async () => {
        throw new UnauthenticatedError('Editor accounts are not available yet', 'Bearer');
      },
    },
    reviews: createReviewService({
      reviews: stores.reviews,
      clock,
      cursors,
      onPublishedContentChange: () => content.published(),
    }),
    content,
  };
}
