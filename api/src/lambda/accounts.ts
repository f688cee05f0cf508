import { adminCountersRoutes } from '../http/routes/admin-counters.js';
import { apiKeysRoutes } from '../http/routes/api-keys.js';
import { authRoutes } from '../http/routes/auth.js';
import { jobsRoutes } from '../http/routes/jobs.js';
import { meRoutes } from '../http/routes/me.js';
import { usersRoutes } from '../http/routes/users.js';
import { createDynamoDbApiKeyStore } from '../adapters/dynamodb/dynamodb-api-key-store.js';
import { createDynamoDbCounterSettingsStore } from '../adapters/dynamodb/dynamodb-counter-settings-store.js';
import { createDynamoDbCounterStore } from '../adapters/dynamodb/dynamodb-counter-store.js';
import { createDynamoDbRefreshTokenStore } from '../adapters/dynamodb/dynamodb-refresh-token-store.js';
import { createDynamoDbSaltStore } from '../adapters/dynamodb/dynamodb-salt-store.js';
import { createDynamoDbUserStore } from '../adapters/dynamodb/dynamodb-user-store.js';
import { createAccountServices, type AccountStores } from '../services/account-services.js';
import { createCounterService } from '../services/counter-service.js';
import { createPublicCounterService } from '../services/counter-settings-service.js';
import type { AccountServices, Services, Stores } from '../services/service-types.js';
import { createLambdaHandler, type LambdaFunction } from './create-lambda-handler.js';
import { createLambdaSecretProvider } from './lambda-secrets.js';
import { openLambdaStores } from './open-lambda-stores.js';

/**
 * Accounts: logging in, the signed-in user, and the admins' routes: users, API keys, a counter's
 * history and public flag, and the job queue. The queue is SQS here, which the app cannot read:
 * `/jobs` answers its 404 that points to the dead-letter queue (no `jobQueue` option).
 */
export const accountsFunction: LambdaFunction<
  AccountServices & Pick<Services, 'counters' | 'publicCounters'>,
  AccountStores & Pick<Stores, 'counters' | 'salts' | 'counterSettings' | 'close'>
> = {
  controllers: [
    authRoutes,
    meRoutes,
    usersRoutes,
    apiKeysRoutes,
    adminCountersRoutes,
    (services) => jobsRoutes(services, undefined),
  ],
  services: (stores, clock, options) => ({
    ...createAccountServices(stores, clock, options),
    // Reads only (a counter's items, its public marker) and the marker's writes: never a visit,
    // so the salts store is never called here (access-matrix.ts grants it nothing).
    counters: createCounterService({ counters: stores.counters, salts: stores.salts, clock }),
    publicCounters: createPublicCounterService({
      counters: stores.counters,
      settings: stores.counterSettings,
      clock,
    }),
  }),
};

export const handler = createLambdaHandler(accountsFunction, {
  openStores: (config) =>
    openLambdaStores(
      config,
      {
        users: createDynamoDbUserStore,
        refreshTokens: createDynamoDbRefreshTokenStore,
        apiKeys: createDynamoDbApiKeyStore,
        counters: createDynamoDbCounterStore,
        // Never called here (a counter's history and public flag are reads and the marker's
        // writes, never a visit), but the counter service is built with it.
        salts: createDynamoDbSaltStore,
        counterSettings: createDynamoDbCounterSettingsStore,
      },
      createLambdaSecretProvider,
    ),
});
