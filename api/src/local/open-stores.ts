import type { Config } from '../config.js';
import type { Stores } from '../services/create-services.js';

/**
 * Opens the stores the configuration names. Imports are dynamic so that the SQLite driver is
 * never loaded when DynamoDB is in use, and the AWS SDK never when SQLite is.
 */
export async function openStores(config: Config): Promise<Stores> {
  if (config.store === 'dynamodb') {
    throw new Error(
      'SHUTTER_STORE=dynamodb is not available yet: the DynamoDB adapters land with their own issue',
    );
  }
  const { createSqliteStores, databasePath } =
    await import('../adapters/sqlite/create-sqlite-stores.js');
  return createSqliteStores({ filename: databasePath(config.dataDir) });
}
