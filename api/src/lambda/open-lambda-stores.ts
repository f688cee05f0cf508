import type { Config } from '../config.js';
import type { Stores } from '../services/create-services.js';

/**
 * The stores a Lambda uses: DynamoDB, always (there is no disk to keep SQLite on).
 * Placeholder until the DynamoDB adapters land with their own issue.
 */
export async function openLambdaStores(config: Config): Promise<Stores> {
  throw new Error(`DynamoDB stores are not available yet (stage ${config.stage})`);
}
