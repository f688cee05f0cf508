import type { BlobStore } from '../../ports/blob-store.js';
import type { CdnPurger } from '../../ports/cdn-purger.js';
import { systemClock } from '../../ports/clock.js';
import type { JobProducer, JobQueue } from '../../ports/job-queue.js';
import type { Stores } from '../../services/create-services.js';
import { createMemoryBlobStore } from '../memory/memory-blob-store.js';
import { createMemoryCdnPurger } from '../memory/memory-cdn-purger.js';
import { createMemoryJobQueue } from '../memory/memory-job-queue.js';
import type { SecretProvider } from '../../ports/secret-provider.js';
import type { UploadSigner } from '../../ports/upload-signer.js';
import { createMemoryRateLimiter } from '../memory/memory-rate-limiter.js';
import { createMemorySecretProvider } from '../memory/memory-secret-provider.js';
import { createDynamoDbApiKeyStore } from './dynamodb-api-key-store.js';
import { createDynamoDbCounterStore } from './dynamodb-counter-store.js';
import { createDynamoDbCounterSettingsStore } from './dynamodb-counter-settings-store.js';
import { createDynamoDbImageStore } from './dynamodb-image-store.js';
import { createDynamoDbPublicContentStore } from './dynamodb-public-content-store.js';
import { createDynamoDbRefreshTokenStore } from './dynamodb-refresh-token-store.js';
import { createDynamoDbReviewStore } from './dynamodb-review-store.js';
import { createDynamoDbRevisionStore } from './dynamodb-revision-store.js';
import { createDynamoDbIdempotencyStore } from './dynamodb-idempotency-store.js';
import { createDynamoDbPreviewStore } from './dynamodb-preview-store.js';
import { createDynamoDbSaltStore } from './dynamodb-salt-store.js';
import { createDynamoDbUserStore } from './dynamodb-user-store.js';
import { createDocumentClient } from './document-client.js';
import type { DynamoDbHttpClient } from './dynamodb-http-client.js';
import { createTableStores, type TableStoreCreators, type TableStoreName } from './table-stores.js';

export interface DynamoDbStoresOptions {
  /** The DynamoDB client (`createDynamoDbHttpClient`): region, endpoint and credentials. */
  client: DynamoDbHttpClient;
  /** Prefix of every table name, e.g. `shutter-dev-`. */
  tablePrefix: string;
  /** Destroy the client on `close()`; false when several store sets share one client. */
  ownsClient?: boolean;
  /**
   * Where the JWT secret comes from: SSM on Lambda, the data directory's file locally. Defaults
   * to a per-process secret, which only tests may use (tokens would not survive a restart).
   */
  secrets?: SecretProvider;
  /**
   * The job queue: SQS on Lambda (a producer only: the worker function is fed by SQS). Defaults
   * to an in-process queue, for tests and a local server on an emulator, which drain it.
   */
  jobs?: JobProducer | JobQueue;
  /** Index artifacts: S3 on Lambda, the data directory locally; in memory by default (tests). */
  blobs?: BlobStore;
  /** CloudFront on Lambda, logged locally; recorded in memory by default (tests). */
  cdn?: CdnPurger;
  /** S3 POST policies for photo uploads on Lambda; none locally (Shutter's upload route). */
  uploadSigner?: UploadSigner;
}

/** Every table store's adapter: what a process that serves everything (local, tests) builds. */
export const ALL_TABLE_STORES: TableStoreCreators<TableStoreName> = {
  counters: createDynamoDbCounterStore,
  salts: createDynamoDbSaltStore,
  counterSettings: createDynamoDbCounterSettingsStore,
  apiKeys: createDynamoDbApiKeyStore,
  users: createDynamoDbUserStore,
  refreshTokens: createDynamoDbRefreshTokenStore,
  reviews: createDynamoDbReviewStore,
  revisions: createDynamoDbRevisionStore,
  idempotency: createDynamoDbIdempotencyStore,
  previews: createDynamoDbPreviewStore,
  images: createDynamoDbImageStore,
  publicContent: createDynamoDbPublicContentStore,
};

/** Every store on the stage's DynamoDB tables. Creates nothing: the tables must exist. */
export function createDynamoDbStores({
  client,
  tablePrefix,
  ownsClient = true,
  secrets = createMemorySecretProvider(),
  jobs = createMemoryJobQueue(systemClock),
  blobs = createMemoryBlobStore(),
  cdn = createMemoryCdnPurger(),
  uploadSigner,
}: DynamoDbStoresOptions): Stores {
  return {
    ...createTableStores(createDocumentClient(client), tablePrefix, ALL_TABLE_STORES),
    // Buckets per Lambda instance; API Gateway's usage plan caps a key across instances.
    limiter: createMemoryRateLimiter(),
    secrets,
    jobs,
    ...('lease' in jobs ? { jobConsumer: jobs } : {}),
    blobs,
    cdn,
    ...(uploadSigner ? { uploadSigner } : {}),
    close: async () => {
      if (ownsClient) client.destroy();
    },
  };
}
