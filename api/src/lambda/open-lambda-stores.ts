import { createDynamoDbStores } from '../adapters/dynamodb/create-dynamodb-stores.js';
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
import type { Stores } from '../services/service-types.js';

/**
 * For a function that neither issues nor verifies tokens (and whose role may not read the
 * secret): asking is a wiring mistake, so it fails loudly instead of signing with a made-up key.
 */
const NO_SECRETS: SecretProvider = {
  getJwtSecret() {
    return Promise.reject(
      new Error('This Lambda does not read the JWT secret (see infra/lib/access-matrix.ts)'),
    );
  },
};

/**
 * For a function that queues no jobs: asking is a wiring mistake (a write that would leave its
 * content stale), so it fails loudly.
 */
const NO_QUEUE: JobProducer = {
  enqueue() {
    return Promise.reject(new Error('This Lambda sends no jobs (see infra/lib/access-matrix.ts)'));
  },
};

/** The content pipeline's AWS adapters a function uses, each chosen by its entry point. */
export interface LambdaContentAdapters {
  jobs?: (config: Config) => JobProducer;
  blobs?: (config: Config) => BlobStore;
  /** Undefined from the factory: no distribution on this stage, purges are logged. */
  cdn?: (config: Config) => CdnPurger | undefined;
  /** Presigned S3 POSTs for photo uploads (the reviews function). */
  uploadSigner?: (config: Config) => UploadSigner;
}

/**
 * The stores a Lambda uses: DynamoDB, always (there is no disk to keep SQLite on). The region and
 * credentials come from the Lambda environment; the tables belong to the CDK stack, so a Lambda
 * never creates them, whatever its configuration says.
 * @param secrets the JWT secret's source, for the functions that need it (`lambda-secrets.ts`,
 *   SSM); left out, the SSM client stays out of the bundle.
 */
export async function openLambdaStores(
  config: Config,
  secrets?: (config: Config) => SecretProvider,
  content: LambdaContentAdapters = {},
): Promise<Stores> {
  // The light client, with the credentials and region the Lambda runtime puts in the
  // environment: no SDK, no credential-provider chain in the bundle.
  const client = createDynamoDbHttpClient({
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION,
    ...(config.dynamoDbEndpoint ? { endpoint: config.dynamoDbEndpoint } : {}),
    credentials: environmentCredentials(),
  });
  return createDynamoDbStores({
    client,
    tablePrefix: config.tablePrefix,
    secrets: secrets ? secrets(config) : NO_SECRETS,
    ...(content.jobs ? { jobs: content.jobs(config) } : { jobs: NO_QUEUE }),
    ...(content.blobs ? { blobs: content.blobs(config) } : {}),
    ...(content.cdn
      ? {
          cdn: content.cdn(config) ?? createLoggingCdnPurger(createJsonLineLogger(config.logLevel)),
        }
      : {}),
    ...(content.uploadSigner ? { uploadSigner: content.uploadSigner(config) } : {}),
  });
}
