import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import {
  createDynamoDbHttpClient,
  environmentCredentials,
} from '../adapters/dynamodb/dynamodb-http-client.js';
import { createLoggingCdnPurger } from '../adapters/logging/logging-cdn-purger.js';
import { createJsonLineLogger } from '../adapters/logging/json-line-logger.js';
import type { Config } from '../config.js';
import type { BlobStore } from '../ports/blob-store.js';
import type { CdnPurger } from '../ports/cdn-purger.js';
import type { JobProducer } from '../ports/job-queue.js';
import type { SecretProvider } from '../ports/secret-provider.js';
import type { UploadSigner } from '../ports/upload-signer.js';
import { createMemoryRateLimiter } from '../adapters/memory/memory-rate-limiter.js';
import {
  createTableStores,
  type TableStoreCreators,
  type TableStoreName,
} from '../adapters/dynamodb/table-stores.js';
import type { Stores } from '../services/service-types.js';

/**
 * A port a function has no use for: any call is a wiring mistake, which fails loudly, saying
 * `why`, rather than acting on a stand-in (signing with a made-up key, queueing nowhere).
 */
function refusing<T extends object>(why: string): T {
  return new Proxy({} as T, {
    get: (_target, method) =>
      // Not a thenable, not a symbol-keyed protocol: only the port's own methods refuse.
      method === 'then' || typeof method === 'symbol'
        ? undefined
        : () =>
            Promise.reject(new Error(`${why} (${String(method)}; see infra/lib/access-matrix.ts)`)),
  });
}

/** For a function that neither issues nor verifies tokens (and whose role may not read it). */
const NO_SECRETS = refusing<SecretProvider>('This Lambda does not read the JWT secret');

/** For a function that queues no jobs (a write that would leave its content stale). */
const NO_QUEUE = refusing<JobProducer>('This Lambda sends no jobs');

/** The content pipeline's AWS adapters a function uses, each chosen by its entry point. */
export interface LambdaContentAdapters {
  jobs?: (config: Config) => JobProducer;
  blobs?: (config: Config) => BlobStore;
  /** Undefined from the factory: no distribution on this stage, purges are logged. */
  cdn?: (config: Config) => CdnPurger | undefined;
  /** Presigned S3 POSTs for photo uploads (the reviews function). */
  uploadSigner?: (config: Config) => UploadSigner;
}

/** What every function's stores hold besides its tables' stores. */
type CommonStores = Pick<
  Stores,
  'limiter' | 'secrets' | 'jobs' | 'blobs' | 'cdn' | 'uploadSigner' | 'close'
>;

/** The stores of a function whose tables' stores are `K`. */
export type LambdaStores<K extends TableStoreName> = Pick<Stores, K> & CommonStores;

/**
 * The stores a Lambda uses: DynamoDB, always (there is no disk to keep SQLite on). The region and
 * credentials come from the Lambda environment; the tables belong to the CDK stack, so a Lambda
 * never creates them, whatever its configuration says.
 * @param tables the table stores its services use, by name (`createDynamoDb…Store`): only those
 *   adapters are in its bundle, and its services' types say which it needs.
 * @param secrets the JWT secret's source, for the functions that need it (`lambda-secrets.ts`,
 *   SSM); left out, the SSM client stays out of the bundle.
 */
export async function openLambdaStores<K extends TableStoreName>(
  config: Config,
  tables: TableStoreCreators<K>,
  secrets?: (config: Config) => SecretProvider,
  content: LambdaContentAdapters = {},
): Promise<LambdaStores<K>> {
  // The light client, with the credentials and region the Lambda runtime puts in the
  // environment: no SDK, no credential-provider chain in the bundle.
  const client = createDynamoDbHttpClient({
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION,
    ...(config.dynamoDbEndpoint ? { endpoint: config.dynamoDbEndpoint } : {}),
    credentials: environmentCredentials(),
  });
  const cdn = content.cdn
    ? (content.cdn(config) ?? createLoggingCdnPurger(createJsonLineLogger(config.logLevel)))
    : refusing<CdnPurger>('This Lambda does not use the CDN');
  return {
    ...createTableStores(createDocumentClient(client), config.tablePrefix, tables),
    // Buckets per Lambda instance; API Gateway's usage plan caps a key across instances.
    limiter: createMemoryRateLimiter(),
    secrets: secrets ? secrets(config) : NO_SECRETS,
    jobs: content.jobs ? content.jobs(config) : NO_QUEUE,
    blobs: content.blobs
      ? content.blobs(config)
      : refusing<BlobStore>('This Lambda does not use the content bucket'),
    cdn,
    ...(content.uploadSigner ? { uploadSigner: content.uploadSigner(config) } : {}),
    close: async () => client.destroy(),
  };
}
