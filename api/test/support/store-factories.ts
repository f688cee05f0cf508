import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import { createMemoryJobQueue } from '../../src/adapters/memory/memory-job-queue.js';
import type { Clock } from '../../src/ports/clock.js';
import { createSqliteStores } from '../../src/adapters/sqlite/create-sqlite-stores.js';
import type { Stores } from '../../src/services/create-services.js';
import { dynaliteServer } from './dynalite-server.js';

/**
 * Every store the contract suites run against, in the style of kysely's per-dialect loops:
 * a behaviour is proven only when it holds on each of them.
 */
export interface StoreFactory {
  name: string;
  /**
   * A new, empty set of stores. With `clock`, the job queue keeps that time (a test moving it
   * makes delayed jobs due); the system clock otherwise.
   */
  create(clock?: Clock): Promise<Stores>;
}

export const storeFactories: StoreFactory[] = [
  { name: 'memory', create: async (clock) => createMemoryStores(clock) },
  {
    name: 'sqlite',
    create: async (clock) =>
      createSqliteStores({ filename: ':memory:', ...(clock ? { clock } : {}) }),
  },
  { name: 'dynamodb', create: createDynaliteStores },
];

/** The store the HTTP suites run on; `SHUTTER_TEST_STORE` picks another. */
export function httpStoreFactory(): StoreFactory {
  const name = process.env.SHUTTER_TEST_STORE ?? 'sqlite';
  const factory = storeFactories.find((f) => f.name === name);
  if (!factory)
    throw new Error(
      `SHUTTER_TEST_STORE=${name} is not one of ${storeFactories.map((f) => f.name).join(', ')}`,
    );
  return factory;
}

let tableSets = 0;

/** Fresh tables under a new prefix on the file's shared dynalite, so tests never see each other. */
async function createDynaliteStores(clock?: Clock): Promise<Stores> {
  const { client } = await dynaliteServer();
  // Loaded here so that the memory and SQLite runs never load the AWS SDK.
  const { createDynamoDbStores } =
    await import('../../src/adapters/dynamodb/create-dynamodb-stores.js');
  const { ensureDynamoDbTables } =
    await import('../../src/adapters/dynamodb/open-dynamodb-stores.js');
  const tablePrefix = `test-${process.pid}-${++tableSets}-`;
  await ensureDynamoDbTables(client, tablePrefix);
  return createDynamoDbStores({
    client,
    tablePrefix,
    ownsClient: false,
    ...(clock ? { jobs: createMemoryJobQueue(clock) } : {}),
  });
}
