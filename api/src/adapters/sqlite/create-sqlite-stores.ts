import type { Stores } from '../../services/create-services.js';
import { createMemoryRateLimiter } from '../memory/memory-rate-limiter.js';
import { assertDatabaseFileIntact } from './database-file-guard.js';
import { openDatabase } from './open-database.js';
import { createSqliteApiKeyStore } from './sqlite-api-key-store.js';
import { createSqliteCounterStore } from './sqlite-counter-store.js';
import { createSqlitePublicContentStore } from './sqlite-public-content-store.js';
import { createSqliteReviewStore } from './sqlite-review-store.js';
import { createSqliteSaltStore } from './sqlite-salt-store.js';
import type { SecretProvider } from '../../ports/secret-provider.js';
import { createMemorySecretProvider } from '../memory/memory-secret-provider.js';
import { createSqliteRefreshTokenStore } from './sqlite-refresh-token-store.js';
import { createSqliteUserStore } from './sqlite-user-store.js';

export { databasePath } from './database-path.js';

/**
 * Every store on one SQLite file; pass `:memory:` as the filename for tests. `secrets` defaults
 * to a per-process secret; the local server passes the data directory's secret file.
 */
export function createSqliteStores({
  filename,
  secrets = createMemorySecretProvider(),
}: {
  filename: string;
  secrets?: SecretProvider;
}): Stores {
  const db = openDatabase({ filename });
  return {
    counters: createSqliteCounterStore(db),
    salts: createSqliteSaltStore(db),
    apiKeys: createSqliteApiKeyStore(db),
    // Rate buckets are per process by nature; one server is one process.
    limiter: createMemoryRateLimiter(),
    users: createSqliteUserStore(db),
    refreshTokens: createSqliteRefreshTokenStore(db),
    secrets,
    reviews: createSqliteReviewStore(db),
    publicContent: createSqlitePublicContentStore(db),
    close: async () => {
      if (db.open) db.close();
    },
    checkHealth: async () => assertDatabaseFileIntact(db),
  };
}
