import { systemClock, type Clock } from '../../ports/clock.js';
import type { Stores } from '../../services/create-services.js';
import { createMemoryBlobStore } from './memory-blob-store.js';
import { createMemoryCdnPurger } from './memory-cdn-purger.js';
import { createMemoryJobQueue } from './memory-job-queue.js';
import { createMemoryApiKeyStore } from './memory-api-key-store.js';
import { createMemoryCounterStore } from './memory-counter-store.js';
import { createMemoryCounterSettingsStore } from './memory-counter-settings-store.js';
import { createMemoryImageStore } from './memory-image-store.js';
import { createMemoryPublicContentStore } from './memory-public-content-store.js';
import { createMemoryRateLimiter } from './memory-rate-limiter.js';
import { createMemoryReviewStore } from './memory-review-store.js';
import { createMemoryRevisionStore } from './memory-revision-store.js';
import { createMemoryIdempotencyStore } from './memory-idempotency-store.js';
import { createMemoryPreviewStore } from './memory-preview-store.js';
import { createMemorySaltStore } from './memory-salt-store.js';
import { createMemoryRefreshTokenStore } from './memory-refresh-token-store.js';
import { createMemorySecretProvider } from './memory-secret-provider.js';
import { createMemoryUserStore } from './memory-user-store.js';

/** Every store in process memory, for tests. */
export function createMemoryStores(clock: Clock = systemClock): Stores {
  const jobs = createMemoryJobQueue(clock);
  return {
    counters: createMemoryCounterStore(),
    salts: createMemorySaltStore(),
    counterSettings: createMemoryCounterSettingsStore(),
    apiKeys: createMemoryApiKeyStore(),
    limiter: createMemoryRateLimiter(),
    users: createMemoryUserStore(),
    refreshTokens: createMemoryRefreshTokenStore(),
    secrets: createMemorySecretProvider(),
    reviews: createMemoryReviewStore(),
    revisions: createMemoryRevisionStore(),
    idempotency: createMemoryIdempotencyStore(),
    previews: createMemoryPreviewStore(),
    images: createMemoryImageStore(),
    publicContent: createMemoryPublicContentStore(),
    jobs,
    jobConsumer: jobs,
    blobs: createMemoryBlobStore(clock),
    cdn: createMemoryCdnPurger(),
    close: async () => {},
  };
}
