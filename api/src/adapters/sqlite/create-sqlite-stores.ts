import type { BlobStore } from '../../ports/blob-store.js';
import type { CdnPurger } from '../../ports/cdn-purger.js';
import { systemClock, type Clock } from '../../ports/clock.js';
import type { Stores } from '../../services/create-services.js';
import { createMemoryBlobStore } from '../memory/memory-blob-store.js';
import { createMemoryCdnPurger } from '../memory/memory-cdn-purger.js';
import { createSqliteJobQueue } from './sqlite-job-queue.js';
import { createMemoryRateLimiter } from '../memory/memory-rate-limiter.js';
import { assertDatabaseFileIntact } from './database-file-guard.js';
import { openDatabase } from './open-database.js';
import { createSqliteApiKeyStore } from './sqlite-api-key-store.js';
import { createSqliteCounterStore } from './sqlite-counter-store.js';
import { createSqliteCounterSettingsStore } from './sqlite-counter-settings-store.js';
import { createSqliteImageStore } from './sqlite-image-store.js';
import { createSqlitePublicContentStore } from './sqlite-public-content-store.js';
import { createSqliteReviewStore } from './sqlite-review-store.js';
import { createSqliteRevisionStore } from './sqlite-revision-store.js';
import { createSqliteIdempotencyStore } from './sqlite-idempotency-store.js';
import { createSqlitePreviewStore } from './sqlite-preview-store.js';
import { createSqliteSaltStore } from './sqlite-salt-store.js';
import type { SecretProvider } from '../../ports/secret-provider.js';
import { createMemorySecretProvider } from '../memory/memory-secret-provider.js';
import { createSqliteRefreshTokenStore } from './sqlite-refresh-token-store.js';
import { createSqliteUserStore } from './sqlite-user-store.js';

export { databasePath } from './database-path.js';

/**
 * Every store on one SQLite file; pass `:memory:` as the filename for tests. `secrets` defaults
 * to a per-process secret; the local server passes the data directory's secret file, its blob
 * directory and a logging CDN purger. The job queue is a table of the same file, so a job
 * survives a crash like the write that queued it.
 */
export function createSqliteStores({
  filename,
  secrets = createMemorySecretProvider(),
  blobs = createMemoryBlobStore(),
  cdn = createMemoryCdnPurger(),
  clock = systemClock,
}: {
  filename: string;
  secrets?: SecretProvider;
  blobs?: BlobStore;
  cdn?: CdnPurger;
  /** The job queue's time (when a delayed job is due): a test moves it to a scheduled publish. */
  clock?: Clock;
}): Stores {
  const db = openDatabase({ filename });
  const jobs = createSqliteJobQueue(db, clock);
  return {
    counters: createSqliteCounterStore(db),
    salts: createSqliteSaltStore(db),
    counterSettings: createSqliteCounterSettingsStore(db),
    apiKeys: createSqliteApiKeyStore(db),
    // Rate buckets are per process by nature; one server is one process.
    limiter: createMemoryRateLimiter(),
    users: createSqliteUserStore(db),
    refreshTokens: createSqliteRefreshTokenStore(db),
    secrets,
    reviews: createSqliteReviewStore(db),
    revisions: createSqliteRevisionStore(db),
    idempotency: createSqliteIdempotencyStore(db),
    previews: createSqlitePreviewStore(db),
    images: createSqliteImageStore(db),
    publicContent: createSqlitePublicContentStore(db),
    jobs,
    jobConsumer: jobs,
    blobs,
    cdn,
    close: async () => {
      if (db.open) db.close();
    },
    checkHealth: async () => assertDatabaseFileIntact(db),
  };
}
