import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoDbCounterStore } from '../../src/adapters/dynamodb/dynamodb-counter-store.js';
import { createDynamoDbHttpClient } from '../../src/adapters/dynamodb/dynamodb-http-client.js';
import { ensureDynamoDbTables } from '../../src/adapters/dynamodb/open-dynamodb-stores.js';
import { loadConfig } from '../../src/config.js';
import { openLambdaStores } from '../../src/lambda/open-lambda-stores.js';
import { dynaliteServer } from '../support/dynalite-server.js';
import { TEST_AWS_ENV } from '../support/fake-aws-server.js';

const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const saved = { ...process.env };
beforeEach(() => {
  Object.assign(process.env, TEST_AWS_ENV);
});
afterEach(() => {
  process.env = { ...saved };
});

describe('openLambdaStores', () => {
  it('builds the table stores a function names, on its stage’s tables, and nothing else', async () => {
    const { endpoint } = await dynaliteServer();
    const config = loadConfig({ SHUTTER_STAGE: 'dev', AWS_ENDPOINT_URL_DYNAMODB: endpoint });
    await ensureDynamoDbTables(
      createDynamoDbHttpClient({ endpoint, region: 'eu-west-1', credentials: TEST_CREDENTIALS }),
      config.tablePrefix,
    );
    const stores = await openLambdaStores(config, { counters: createDynamoDbCounterStore });
    try {
      // A real store on the stage's counters table: a round trip that finds nothing yet.
      expect(await stores.counters.getCounter('never-counted', ['2026-12-01'])).toBeUndefined();
      expect(Object.keys(stores).sort()).toEqual(
        ['blobs', 'cdn', 'close', 'counters', 'jobs', 'limiter', 'secrets'].sort(),
      );
      expect('users' in stores).toBe(false);
    } finally {
      await stores.close();
    }
  });

  it('refuses, naming it, any call to a store the function does not use', async () => {
    const { endpoint } = await dynaliteServer();
    const config = loadConfig({ SHUTTER_STAGE: 'dev', AWS_ENDPOINT_URL_DYNAMODB: endpoint });
    const stores = await openLambdaStores(config, {});
    try {
      await expect(stores.blobs.get('content/index/current.json')).rejects.toThrow(
        /does not use the content bucket \(get; see infra\/lib\/access-matrix\.ts\)/,
      );
      await expect(stores.cdn.purge(['content'])).rejects.toThrow(/does not use the CDN/);
      await expect(stores.jobs.enqueue({} as never)).rejects.toThrow(/sends no jobs/);
      await expect(stores.secrets.getJwtSecret()).rejects.toThrow(/does not read the JWT secret/);
      // Not a thenable: awaiting the store itself is not a call.
      expect(await Promise.resolve(stores.blobs)).toBe(stores.blobs);
    } finally {
      await stores.close();
    }
  });
});
