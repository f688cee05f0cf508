import type { Stores } from '../../services/create-services.js';
import { createDynamoDbStores, type DynamoDbStoresOptions } from './create-dynamodb-stores.js';
import {
  createDynamoDbHttpClient,
  type DynamoDbHttpClient,
  type DynamoDbHttpClientOptions,
} from './dynamodb-http-client.js';
import { ensureTable, type EnsuredTable } from './ensure-tables.js';
import { TABLES, tableNames, type TableId } from './table-definitions.js';

// Apart from create-dynamodb-stores.ts so that Lambda bundles, which never create tables, do not
// import the table operations (ensure-tables.ts) at all.

/** Creates every missing table for a prefix (emulators only; see `ensureTable`). */
export async function ensureDynamoDbTables(
  client: DynamoDbHttpClient,
  tablePrefix: string,
): Promise<EnsuredTable[]> {
  const names = tableNames(tablePrefix);
  return Promise.all(
    (Object.keys(TABLES) as TableId[]).map((id) => ensureTable(client, names[id], TABLES[id])),
  );
}

export interface OpenDynamoDbStoresOptions extends Omit<
  DynamoDbStoresOptions,
  'client' | 'ownsClient'
> {
  /** Client settings: region, endpoint, credentials (see `localDynamoDbClientConfig`). */
  clientOptions: DynamoDbHttpClientOptions;
  /** Create missing tables first; only ever true for an endpoint outside AWS. */
  createTables?: boolean;
}

/** Opens a client and the stores on it, creating the tables first when asked (local use). */
export async function openDynamoDbStores({
  clientOptions,
  createTables = false,
  ...rest
}: OpenDynamoDbStoresOptions): Promise<Stores> {
  const client = createDynamoDbHttpClient(clientOptions);
  if (createTables) await ensureDynamoDbTables(client, rest.tablePrefix);
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return createDynamoDbStores({ client, tablePrefix: rest.tablePrefix, ...defined });
}
