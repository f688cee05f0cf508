import { beforeEach, describe, expect, it } from 'vitest';
import {
  createDocumentClient,
  type DocumentClient,
} from '../../src/adapters/dynamodb/document-client.js';
import { DynamoDbError } from '../../src/adapters/dynamodb/dynamodb-http-client.js';
import { ensureDynamoDbTables } from '../../src/adapters/dynamodb/open-dynamodb-stores.js';
import {
  createDynamoDbCounterStore,
  SHARD_CACHE_MS,
  SHARDS,
} from '../../src/adapters/dynamodb/dynamodb-counter-store.js';
import { tableNames } from '../../src/adapters/dynamodb/table-definitions.js';
import type { CounterStore, RecordVisitInput } from '../../src/ports/counter-store.js';
import { dynaliteServer } from '../support/dynalite-server.js';

// A counter's own item takes about 1,000 writes a second on DynamoDB; past that its increments
// spill over to shards (docs/dynamodb.md). dynalite never throttles, so a client stand-in refuses
// the counter's own items here, as DynamoDB does a partition over its rate.
const day = '2026-11-21';
const visit = (counterId: string, visitorHash: string): RecordVisitInput => ({
  counterId,
  day,
  visitorHash,
  expiresAt: new Date(`${day}T23:59:59.999Z`),
  at: new Date(`${day}T12:00:00Z`),
});

let doc: DocumentClient;
let table: string;
let prefixes = 0;
let clock = 0;

beforeEach(async () => {
  const { client } = await dynaliteServer();
  const prefix = `hot-${process.pid}-${++prefixes}-`;
  await ensureDynamoDbTables(client, prefix);
  doc = createDocumentClient(client);
  table = tableNames(prefix).counters;
});

/** A store whose writes to the counter's own items are throttled while `hot()` says so. */
function storeWith(hot: () => boolean, pickShard?: () => number): CounterStore {
  // What the client throws once its retries are spent on a partition over its rate.
  const throttling: DocumentClient = {
    ...doc,
    update: (input) =>
      hot() && !String(input.Key.pk).includes('#SHARD#')
        ? Promise.reject(
            new DynamoDbError('ProvisionedThroughputExceededException', 'hot partition', 400),
          )
        : doc.update(input),
  };
  return createDynamoDbCounterStore(throttling, table, {
    now: () => clock,
    ...(pickShard ? { pickShard } : {}),
  });
}

describe('DynamoDB hot counters: spill-over shards', () => {
  it('keeps counts exact when every increment spills over to the shards', async () => {
    const store = storeWith(() => true);
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.recordVisit(visit('busy', `v${i % 40}`))),
    );
    const read = await store.getCounter('busy', [day]);
    expect(read).toEqual({
      id: 'busy',
      count: 200,
      days: [{ date: day, count: 200, uniqueVisitors: 40 }],
    });
  });

  it('sums the counter’s own items and the shards, and answers a spilled visit with the sum', async () => {
    let hot = false;
    const store = storeWith(
      () => hot,
      () => 3,
    );
    await store.recordVisit(visit('mixed', 'a'));
    await store.recordVisit(visit('mixed', 'b'));
    hot = true;
    expect(await store.recordVisit(visit('mixed', 'c'))).toEqual({
      count: 3,
      today: { date: day, count: 3, uniqueVisitors: 3 },
    });
    hot = false;
    // Not spilled: the own item's 3 plus the shard's 1, read again since this process spilled.
    expect((await store.recordVisit(visit('mixed', 'a'))).count).toBe(4);
    expect(await store.getCounter('mixed', [day])).toEqual({
      id: 'mixed',
      count: 4,
      days: [{ date: day, count: 4, uniqueVisitors: 3 }],
    });
  });

  it('sees another process’s spilled increments within the shard cache delay', async () => {
    const reader = storeWith(() => false);
    const writer = storeWith(() => true);
    await reader.recordVisit(visit('shared', 'a'));
    await writer.recordVisit(visit('shared', 'b'));
    // The reader's shard sums are from before the writer spilled...
    expect((await reader.getCounter('shared', [day]))!.count).toBe(1);
    // ...and are read again once they are SHARD_CACHE_MS old.
    clock += SHARD_CACHE_MS;
    expect((await reader.getCounter('shared', [day]))!.count).toBe(2);
  });

  it('spreads spilled increments over every shard but the counter’s own item', async () => {
    const picked = new Set<number>();
    const store = createDynamoDbCounterStore(doc, table);
    expect(SHARDS).toBe(10);
    // The default pick is uniform over 1..SHARDS-1; 400 picks all but surely cover them.
    const spy = storeWith(
      () => true,
      () => {
        const shard = 1 + Math.floor(Math.random() * (SHARDS - 1));
        picked.add(shard);
        return shard;
      },
    );
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => spy.recordVisit(visit('wide', `v${i}`))),
    );
    expect([...picked].every((s) => s >= 1 && s < SHARDS)).toBe(true);
    expect((await store.getCounter('wide', [day]))!.count).toBe(100);
  });
});
