import type { Stores } from '../../services/create-services.js';
import { createMemoryApiKeyStore } from './memory-api-key-store.js';
import { createMemoryCounterStore } from './memory-counter-store.js';
import { createMemoryPublicContentStore } from './memory-public-content-store.js';
import { createMemoryRateLimiter } from './memory-rate-limiter.js';
import { createMemoryReviewStore } from './memory-review-store.js';
import { createMemorySaltStore } from './memory-salt-store.js';
import { createMemoryRefreshTokenStore } from './memory-refresh-token-store.js';
import { createMemorySecretProvider } from './memory-secret-provider.js';
import { createMemoryUserStore } from './memory-user-store.js';

export function createMemoryStores(): Stores {
  return {
    counters: createMemoryCounterStore(),
    salts: createMemorySaltStore(),
    apiKeys: createMemoryApiKeyStore(),
    limiter: createMemoryRateLimiter(),
    users: createMemoryUserStore(),
    refreshTokens: createMemoryRefreshTokenStore(),
    secrets: createMemorySecretProvider(),
    reviews: createMemoryReviewStore(),
    publicContent: createMemoryPublicContentStore(),
    close: async () => {},
  };
}
