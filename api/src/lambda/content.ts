import { contentRoutes } from '../http/routes/content.js';
import { pagesRoutes } from '../http/routes/pages.js';
import { previewRoutes } from '../http/routes/preview.js';
import { createDynamoDbCounterSettingsStore } from '../adapters/dynamodb/dynamodb-counter-settings-store.js';
import { createDynamoDbPreviewStore } from '../adapters/dynamodb/dynamodb-preview-store.js';
import { createDynamoDbPublicContentStore } from '../adapters/dynamodb/dynamodb-public-content-store.js';
import { createContentServices, type ContentStores } from '../services/content-services.js';
import type { ContentServices, Services, Stores } from '../services/service-types.js';
import { createSiteKeyReader } from '../services/site-key-reader.js';
import { createLambdaHandler, type LambdaFunction } from './create-lambda-handler.js';
import { createLambdaSecretProvider } from './lambda-secrets.js';
import { contentBucket } from './content-bucket.js';
import { createOriginSecretReader, warnOriginSecret } from './origin-secret.js';
import { openLambdaStores } from './open-lambda-stores.js';

/**
 * The public, read-only content API, and the reader site's pages over it. The pages count
 * themselves with the site key, which this function reads (and never makes).
 */
export const contentFunction: LambdaFunction<
  ContentServices & Pick<Services, 'siteCounter'>,
  ContentStores & Pick<Stores, 'counterSettings' | 'close'>
> = {
  controllers: [
    contentRoutes,
    (services, options) => pagesRoutes(services, options),
    (services, options) => previewRoutes(services, options),
  ],
  services: (stores, clock) => ({
    ...createContentServices(stores, clock),
    siteCounter: createSiteKeyReader(stores.counterSettings),
  }),
};

// The JWT secret is read only to derive the key of list cursors (HKDF, services/cursor.ts):
// every instance of the stage derives the same key, so a cursor opens on any of them.
// Reads the public documents (one DynamoDB item per detail) and the index from the content
// bucket; never the reviews themselves.
// Readers reach it through CloudFront, which calls `/pro/…`: the origin secret says so, and the
// `Location` of a redirect (an old slug) is then the reader's `/review/…`, without the stage.
export const handler = createLambdaHandler(contentFunction, {
  openStores: (config) =>
    openLambdaStores(
      config,
      {
        publicContent: createDynamoDbPublicContentStore,
        previews: createDynamoDbPreviewStore,
        counterSettings: createDynamoDbCounterSettingsStore,
      },
      createLambdaSecretProvider,
      { blobs: contentBucket },
    ),
  originSecret: createOriginSecretReader({ onError: warnOriginSecret }),
});
