import type { DescribeTableCommandOutput, ListTablesCommandOutput } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openStores } from '../../src/local/open-stores.js';
import type { Stores } from '../../src/services/create-services.js';
import { dynaliteServer } from '../support/dynalite-server.js';

const opened: Stores[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('openStores with SHUTTER_STORE=dynamodb and a local endpoint', () => {
  it('creates the missing tables at start, idempotently, and serves from them', async () => {
    const { endpoint, client } = await dynaliteServer();
    const config = loadConfig({
      SHUTTER_STORE: 'dynamodb',
      SHUTTER_STAGE: 'dev',
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    });
    const first = await openStores(config);
    opened.push(first);
    await first.counters.recordVisit({
      counterId: 'default',
      day: '2026-11-21',
      visitorHash: 'v1',
      expiresAt: new Date('2026-11-22T00:00:00Z'),
      at: new Date('2026-11-21T10:00:00Z'),
    });

    // A second start (or the keys CLI beside the server) finds the tables and keeps the data.
    const second = await openStores(config);
    opened.push(second);
    expect(await second.counters.getCounter('default', ['2026-11-21'])).toMatchObject({
      count: 1,
    });

    const { TableNames } = await client.call<ListTablesCommandOutput>('ListTables', {});
    expect(TableNames).toEqual(
      expect.arrayContaining([
        'shutter-dev-api-keys',
        'shutter-dev-counters',
        'shutter-dev-reviews',
        'shutter-dev-sessions',
        'shutter-dev-users',
      ]),
    );
    const keys = await client.call<DescribeTableCommandOutput>('DescribeTable', {
      TableName: 'shutter-dev-api-keys',
    });
    expect(keys.Table?.TableStatus).toBe('ACTIVE');
    expect(keys.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byCreated']);
  });

  it('signs tokens with the data directory’s secret file, as the SQLite store does', async () => {
    const { endpoint } = await dynaliteServer();
    const dataDir = mkdtempSync(join(tmpdir(), 'shutter-ddb-secret-'));
    try {
      const config = loadConfig({
        SHUTTER_STORE: 'dynamodb',
        SHUTTER_STAGE: 'dev',
        SHUTTER_DATA_DIR: dataDir,
        AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      });
      const stores = await openStores(config);
      opened.push(stores);
      const secret = await stores.secrets.getJwtSecret();
      const again = await openStores(config);
      opened.push(again);
      // A restart (a second process) signs with the same key, so issued tokens stay valid.
      expect(await again.secrets.getJwtSecret()).toEqual(secret);
      expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim().length).toBeGreaterThan(30);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
