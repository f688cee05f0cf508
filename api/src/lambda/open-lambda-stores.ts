import { openDynamoDbStores } from '../adapters/dynamodb/create-dynamodb-stores.js';
import type { Config } from '../config.js';
import type { Stores } from '../services/create-services.js';
import { createLambdaSecretProvider } from './lambda-secrets.js';

/**
 * The stores a Lambda uses: DynamoDB, always (there is no disk to keep SQLite on). The region and
 * credentials come from the Lambda environment; the tables belong to the CDK stack, so a Lambda
 * never creates them, whatever its configuration says. The JWT secret comes from SSM.
 */
export async function openLambdaStores(config: Config): Promise<Stores> {
  return openDynamoDbStores({
    tablePrefix: config.tablePrefix,
    clientConfig: config.dynamoDbEndpoint ? { endpoint: config.dynamoDbEndpoint } : {},
    createTables: false,
    secrets: createLambdaSecretProvider(config),
  });
}
