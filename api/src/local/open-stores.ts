import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../ports/logger.js';
import type { Stores } from '../services/create-services.js';
import { localDynamoDbClientConfig } from './dynamodb-client-config.js';

/** Where the blob store keeps its objects (the content index artifacts) in a data directory. */
export function blobDirectory(dataDir: string): string {
  return join(dataDir, 'blobs');
}

/**
 * Opens the stores the configuration names. Imports are dynamic so that the SQLite driver is
 * never loaded when DynamoDB is in use, and the AWS SDK never when SQLite is. Locally the blob
 * store is a directory of the data directory and the CDN purge is a log line (there is no CDN);
 * `logger` receives those lines (a command line that runs no jobs may leave it out).
 */
export async function openStores(config: Config, logger?: Logger): Promise<Stores> {
  const { createFileSecretProvider } = await import('../adapters/file/file-secret-provider.js');
  const { createFsBlobStore } = await import('../adapters/file/fs-blob-store.js');
  // Either store signs tokens with the data directory's secret, so tokens survive a restart.
  const secrets = createFileSecretProvider(config.dataDir);
  const blobs = createFsBlobStore(blobDirectory(config.dataDir));
  const cdn = logger
    ? (await import('../adapters/logging/logging-cdn-purger.js')).createLoggingCdnPurger(logger)
    : undefined;
  if (config.store === 'dynamodb') {
    const { openDynamoDbStores } = await import('../adapters/dynamodb/open-dynamodb-stores.js');
    // The queue stays in this process: a local server on an emulator has no SQS. Jobs lost to a
    // crash are redone by the reconcile job at the next start.
    return openDynamoDbStores({
      secrets,
      blobs,
      ...(cdn ? { cdn } : {}),
      tablePrefix: config.tablePrefix,
      clientOptions: localDynamoDbClientConfig(config.dynamoDbEndpoint),
      // An endpoint outside AWS is an emulator this server may set up; AWS tables belong to CDK.
      createTables: config.dynamoDbEndpoint !== undefined,
    });
  }
  const { createSqliteStores, databasePath } =
    await import('../adapters/sqlite/create-sqlite-stores.js');
  return createSqliteStores({
    filename: databasePath(config.dataDir),
    secrets,
    blobs,
    ...(cdn ? { cdn } : {}),
  });
}
