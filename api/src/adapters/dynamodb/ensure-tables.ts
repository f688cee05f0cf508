import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from './table-definitions.js';

const errorName = (error: unknown) => (error as { name?: unknown } | null)?.name;

/** The CreateTable request for a definition: on-demand capacity, every index projecting all. */
export function createTableInput(name: string, table: TableDefinition): CreateTableCommandInput {
  const keys = [table.partitionKey, ...(table.sortKey ? [table.sortKey] : [])];
  const indexKeys = table.globalIndexes.flatMap((index) => [
    index.partitionKey,
    ...(index.sortKey ? [index.sortKey] : []),
  ]);
  const attributes = new Map([...keys, ...indexKeys].map((a) => [a.name, a.type]));
  const keySchema = (partition: { name: string }, sort?: { name: string }) => [
    { AttributeName: partition.name, KeyType: 'HASH' as const },
    ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType,
    })),
    KeySchema: keySchema(table.partitionKey, table.sortKey),
    ...(table.globalIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: table.globalIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: index.projection },
          })),
        }
      : {}),
  };
}

export interface EnsuredTable {
  name: string;
  created: boolean;
  /** `unsupported` on emulators without UpdateTimeToLive (dynalite): items then never expire. */
  ttl: 'enabled' | 'none' | 'unsupported';
}

/**
 * Creates a table when missing, waits until it is active and turns on its TTL. Idempotent and
 * safe to run from several processes at once. Only for endpoints outside AWS (an emulator):
 * on AWS the CDK stack owns the tables and the code never creates them.
 */
export async function ensureTable(
  client: DynamoDBClient,
  name: string,
  table: TableDefinition,
  { maxWaitSeconds = 60 } = {},
): Promise<EnsuredTable> {
  let created = false;
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
  } catch (error) {
    if (errorName(error) !== 'ResourceNotFoundException') throw error;
    try {
      await client.send(new CreateTableCommand(createTableInput(name, table)));
      created = true;
    } catch (createError) {
      // Another process created it between our describe and create: just wait for it.
      if (errorName(createError) !== 'ResourceInUseException') throw createError;
    }
  }
  await waitUntilTableExists(
    { client, maxWaitTime: maxWaitSeconds, minDelay: 1, maxDelay: 2 },
    { TableName: name },
  );
  return { name, created, ttl: await ensureTtl(client, name, table.ttlAttribute) };
}

async function ensureTtl(
  client: DynamoDBClient,
  name: string,
  attribute: string | undefined,
): Promise<EnsuredTable['ttl']> {
  if (!attribute) return 'none';
  try {
    const current = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
    const status = current.TimeToLiveDescription?.TimeToLiveStatus;
    if (status === 'ENABLED' || status === 'ENABLING') return 'enabled';
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
      }),
    );
    return 'enabled';
  } catch (error) {
    if (errorName(error) === 'UnknownOperationException') return 'unsupported';
    throw error;
  }
}
