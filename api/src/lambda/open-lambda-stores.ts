import { openDynamoDbStores } from '../adapters/dynamodb/create-dynamodb-stores.js';
import type { Config } from '../config.js';
import type { Stores } from '../services/create-services.js';

/**
 * The stores a Lambda uses: DynamoDB, always (there is no disk to keep SQLite on). The region and
 * credentials come from the Lambda environment; the tables belong to the CDK stack, so a Lambda
 * never creates them, whatever its configuration says.
 */
export async function openLambdaStores(config: Config): Promise<Stores> {
  return openDynamoDbStores({
    tablePrefix: config.tablePrefix,
    clientConfig: config.dynamoDbEndpoint ? { endpoint: config.dynamoDbEndpoint } : {},
    createTables: false,
  });
}
