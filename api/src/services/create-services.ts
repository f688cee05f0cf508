import type { ApiKeyStore } from '../ports/api-key-store.js';
import type { Clock } from '../ports/clock.js';
import type { CounterStore } from '../ports/counter-store.js';
import type { CurrentUserResolver } from '../ports/current-user.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { ReviewStore } from '../ports/review-store.js';
import type { SaltStore } from '../ports/salt-store.js';
import type { RefreshTokenStore } from '../ports/refresh-token-store.js';
import type { SecretProvider } from '../ports/secret-provider.js';
import type { UserStore } from '../ports/user-store.js';
import { createAccessTokens } from './access-tokens.js';
import { createAuthService, type AuthService } from './auth-service.js';
import { createUserService, type UserService } from './user-service.js';
import { createApiKeyService, type ApiKeyService } from './api-key-service.js';
import { createCounterService, type CounterService } from './counter-service.js';
import { createContentService, type ContentService } from './content-service.js';
import { createCursorCodec } from './cursor.js';
import { createReviewService, type ReviewService } from './review-service.js';

/** One adapter per port: what an entry point chooses (memory, SQLite or DynamoDB). */
export interface Stores {
  counters: CounterStore;
  salts: SaltStore;
  apiKeys: ApiKeyStore;
  limiter: RateLimiter;
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  /** Where the JWT signing secret comes from (data directory locally, SSM on AWS). */
  secrets: SecretProvider;
  reviews: ReviewStore;
  /** Releases connections and file handles; safe to call once at shutdown. */
  close(): Promise<void>;
}

export interface Services {
  counters: CounterService;
  apiKeys: ApiKeyService;
  /** Resolves bearer tokens for the editor and admin routes. */
  currentUser: CurrentUserResolver;
  auth: AuthService;
  users: UserService;
  /** The editors' reviews. */
  reviews: ReviewService;
  /** The public read model of published reviews. */
  content: ContentService;
}

/** Settings services need beyond their stores. */
export interface ServiceOptions {
  /** The deployment stage; access tokens are issued for this stage's audience only. */
  stage?: string;
}

/**
 * Key of the MAC on list cursors. It guards cursors against edits, not secrecy: they hold only
 * positions in lists the caller may read anyway, and every filter is applied again server-side.
 */
const CURSOR_KEY = 'shutter-list-cursor-v1';

/** Builds every service from a set of stores: the one place services are assembled. */
export function createServices(
  stores: Stores,
  clock: Clock,
  options: ServiceOptions = {},
): Services {
  const tokens = createAccessTokens({
    secrets: stores.secrets,
    clock,
    stage: options.stage ?? 'local',
  });
  const auth = createAuthService({
    users: stores.users,
    refreshTokens: stores.refreshTokens,
    limiter: stores.limiter,
    tokens,
    clock,
  });
  const cursors = createCursorCodec(CURSOR_KEY);
  const content = createContentService({ reviews: stores.reviews, clock, cursors });
  return {
    counters: createCounterService({ counters: stores.counters, salts: stores.salts, clock }),
    apiKeys: createApiKeyService({ keys: stores.apiKeys, limiter: stores.limiter, clock }),
    currentUser: auth,
    auth,
    users: createUserService({
      users: stores.users,
      refreshTokens: stores.refreshTokens,
      clock,
    }),
    reviews: createReviewService({
      reviews: stores.reviews,
      clock,
      cursors,
      onPublishedContentChange: () => content.published(),
    }),
    content,
  };
}
