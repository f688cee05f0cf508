import { visitsRoutes } from '../http/routes/visits.js';
import { createDynamoDbApiKeyStore } from '../adapters/dynamodb/dynamodb-api-key-store.js';
import { createDynamoDbCounterSettingsStore } from '../adapters/dynamodb/dynamodb-counter-settings-store.js';
import { createDynamoDbCounterStore } from '../adapters/dynamodb/dynamodb-counter-store.js';
import { createDynamoDbSaltStore } from '../adapters/dynamodb/dynamodb-salt-store.js';
import type { Stores, VisitServices } from '../services/service-types.js';
import { createVisitServices, type VisitStores } from '../services/visit-services.js';
import { createLambdaHandler, type LambdaFunction } from './create-lambda-handler.js';
import { openLambdaStores } from './open-lambda-stores.js';
import { createOriginSecretReader, warnOriginSecret } from './origin-secret.js';

/** The visitor counter. */
export const visitsFunction: LambdaFunction<VisitServices, VisitStores & Pick<Stores, 'close'>> = {
  controllers: [visitsRoutes],
  services: createVisitServices,
};

// Readers' visits come through CloudFront: the origin secret vouches for the viewer's address,
// which unique visitors (a hash of address and agent) and per-address limits need.
export const handler = createLambdaHandler(visitsFunction, {
  openStores: (config) =>
    openLambdaStores(config, {
      counters: createDynamoDbCounterStore,
      salts: createDynamoDbSaltStore,
      counterSettings: createDynamoDbCounterSettingsStore,
      apiKeys: createDynamoDbApiKeyStore,
    }),
  originSecret: createOriginSecretReader({ onError: warnOriginSecret }),
});
