import type { Config } from '../config.js';
import type { Stores } from '../services/create-services.js';
import { localDynamoDbClientConfig } from './dynamodb-client-config.js';

/**
 * Opens the stores the configuration names. Imports are dynamic so that the SQLite driver is
 * never loaded when DynamoDB is in use, and the AWS SDK never when SQLite is.
 */
export async function openStores(config: Config): Promise<Stores> {
  const { createFileSecretProvider } = await import('../adapters/file/file-secret-provider.js');
  // Either store signs tokens with the data directory's secret, so tokens survive a restart.
  const secrets = createFileSecretProvider(config.dataDir);
  if (config.store === 'dynamodb') {
    const { openDynamoDbStores } = await import('../adapters/dynamodb/create-dynamodb-stores.js');
    return openDynamoDbStores({
      secrets,
      tablePrefix: config.tablePrefix,
      clientConfig: localDynamoDbClientConfig(config.dynamoDbEndpoint),
      // An endpoint outside AWS is an emulator this server may set up; AWS tables belong to CDK.
      createTables: config.dynamoDbEndpoint !== undefined,
    });
  }
  const { createSqliteStores, databasePath } =
    await import('../adapters/sqlite/create-sqlite-stores.js');
  return createSqliteStores({ filename: databasePath(config.dataDir), secrets });
}
