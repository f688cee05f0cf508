import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDocumentClient,
  createDynamoDbStores,
  ensureDynamoDbTables,
} from '../../src/adapters/dynamodb/create-dynamodb-stores.js';
import { apiKeyByIdKey, visitorMarkerKey } from '../../src/adapters/dynamodb/keys.js';
import { tableNames } from '../../src/adapters/dynamodb/table-definitions.js';
import { ConflictError, NotFoundError } from '../../src/domain/errors.js';
import type { Stores } from '../../src/services/create-services.js';
import { dynaliteServer } from '../support/dynalite-server.js';

// Multi-item sequences are not atomic on DynamoDB; docs/dynamodb.md promises what a crash
// between their writes leaves behind. These tests build that state by hand and check the promise.
let stores: Stores;
let put: (table: 'counters' | 'apiKeys', item: Record<string, unknown>) => Promise<void>;
let prefixes = 0;

beforeEach(async () => {
  const { client } = await dynaliteServer();
  const tablePrefix = `interrupted-${++prefixes}-`;
  await ensureDynamoDbTables(client, tablePrefix);
  stores = createDynamoDbStores({ client, tablePrefix, ownsClient: false });
  const doc = createDocumentClient(client);
  const names = tableNames(tablePrefix);
  put = async (table, item) => {
    await doc.send(new PutCommand({ TableName: names[table], Item: item }));
  };
});
afterEach(() => stores.close());

describe('a crash between the writes of one operation', () => {
  it('API key create: a pointer without its key is no key at all, and cannot be revoked', async () => {
    await put('apiKeys', { ...apiKeyByIdKey('key_orphan'), hash: 'feed' });
    expect(await stores.apiKeys.get('key_orphan')).toBeUndefined();
    expect(await stores.apiKeys.findByHash('feed')).toBeUndefined();
    expect(await stores.apiKeys.list()).toEqual([]);
    await expect(stores.apiKeys.revoke('key_orphan', '2026-11-21T00:00:00.000Z')).rejects.toThrow(
      NotFoundError,
    );
    // The random id stays taken; a new key simply gets another id.
    await expect(
      stores.apiKeys.create({
        id: 'key_orphan',
        name: 'n',
        scope: ['default'],
        hash: 'beef',
        prefix: 'shk_abcdef',
        rateLimit: { perSecond: 1, burst: 1 },
        createdAt: '2026-11-21T00:00:00.000Z',
        revokedAt: null,
        lastUsedAt: null,
      }),
    ).rejects.toThrow(ConflictError);
  });

  it('visit: a marker without its day update under-counts, never over-counts', async () => {
    await put('counters', {
      ...visitorMarkerKey('default', '2026-11-21', 'v1'),
      expiresAt: 1_795_305_600,
    });
    const recorded = await stores.counters.recordVisit({
      counterId: 'default',
      day: '2026-11-21',
      visitorHash: 'v1',
      expiresAt: new Date('2026-11-22T00:00:00Z'),
      at: new Date('2026-11-21T10:00:00Z'),
    });
    expect(recorded).toEqual({
      count: 1,
      today: { date: '2026-11-21', count: 1, uniqueVisitors: 0 },
    });
  });
});
