import type { Stores } from '../../services/service-types.js';
import type { DocumentClient } from './document-client.js';
import { tableNames, type TableId } from './table-definitions.js';

/** The table each store keeps its items in (several stores share one; see docs/dynamodb.md). */
export const STORE_TABLES = {
  counters: 'counters',
  salts: 'counters',
  counterSettings: 'counters',
  apiKeys: 'apiKeys',
  users: 'users',
  refreshTokens: 'sessions',
  reviews: 'reviews',
  revisions: 'reviews',
  idempotency: 'reviews',
  previews: 'reviews',
  images: 'reviews',
  publicContent: 'reviews',
} as const satisfies Partial<Record<keyof Stores, TableId>>;

/** A store that lives in a DynamoDB table. */
export type TableStoreName = keyof typeof STORE_TABLES;

/** Builds one store over its table: one of the adapters' `createDynamoDb…Store` functions. */
export type TableStoreCreator<K extends TableStoreName> = (
  doc: DocumentClient,
  tableName: string,
) => Stores[K];

/**
 * The stores a process builds, by name. A Lambda names only the ones its services use, so its
 * bundle holds only those adapters (the visits function: four of twelve).
 */
export type TableStoreCreators<K extends TableStoreName> = { [P in K]: TableStoreCreator<P> };

/** The stores `creators` names, each over its table among the stage's (`tablePrefix`). */
export function createTableStores<K extends TableStoreName>(
  doc: DocumentClient,
  tablePrefix: string,
  creators: TableStoreCreators<K>,
): Pick<Stores, K> {
  const names = tableNames(tablePrefix);
  return Object.fromEntries(
    (Object.entries(creators) as [K, TableStoreCreator<K>][]).map(([store, create]) => [
      store,
      create(doc, names[STORE_TABLES[store]]),
    ]),
  ) as Pick<Stores, K>;
}
