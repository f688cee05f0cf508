// Types only: the SDK's shapes of the table operations' inputs and outputs, none of its code.
import type {
  CreateTableCommandInput,
  DescribeTableCommandOutput,
  DescribeTimeToLiveCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDbHttpClient } from './dynamodb-http-client.js';
import type { TableDefinition } from './table-definitions.js';

const errorName = (error: unknown) => (error as { name?: unknown } | null)?.name;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  client: DynamoDbHttpClient,
  name: string,
  table: TableDefinition,
  { maxWaitSeconds = 60 } = {},
): Promise<EnsuredTable> {
  let created = false;
  try {
    await client.call('DescribeTable', { TableName: name });
  } catch (error) {
    if (errorName(error) !== 'ResourceNotFoundException') throw error;
    try {
      await client.call('CreateTable', createTableInput(name, table));
      created = true;
    } catch (createError) {
      // Another process created it between our describe and create: just wait for it.
      if (errorName(createError) !== 'ResourceInUseException') throw createError;
    }
  }
  await waitUntilActive(client, name, maxWaitSeconds);
  return { name, created, ttl: await ensureTtl(client, name, table.ttlAttribute) };
}

/** Polls DescribeTable (every second) until the table is ACTIVE, as the SDK's waiter did. */
async function waitUntilActive(
  client: DynamoDbHttpClient,
  name: string,
  maxWaitSeconds: number,
): Promise<void> {
  const deadline = Date.now() + maxWaitSeconds * 1000;
  for (;;) {
    const described = await client.call<DescribeTableCommandOutput>('DescribeTable', {
      TableName: name,
    });
    if (described.Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() >= deadline)
      throw new Error(`Table ${name} is not ACTIVE after ${maxWaitSeconds} s`);
    await sleep(1_000);
  }
}

async function ensureTtl(
  client: DynamoDbHttpClient,
  name: string,
  attribute: string | undefined,
): Promise<EnsuredTable['ttl']> {
  if (!attribute) return 'none';
  try {
    const current = await client.call<DescribeTimeToLiveCommandOutput>('DescribeTimeToLive', {
      TableName: name,
    });
    const status = current.TimeToLiveDescription?.TimeToLiveStatus;
    if (status === 'ENABLED' || status === 'ENABLING') return 'enabled';
    await client.call('UpdateTimeToLive', {
      TableName: name,
      TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
    });
    return 'enabled';
  } catch (error) {
    if (errorName(error) === 'UnknownOperationException') return 'unsupported';
    throw error;
  }
}
