import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDynamoDbStores } from '../../src/adapters/dynamodb/create-dynamodb-stores.js';
import { createApp } from '../../src/http/create-app.js';
import { ALL_CONTROLLERS } from '../../src/http/controllers.js';
import { createServices } from '../../src/services/create-services.js';
import { createTestClock } from '../support/clock.js';
import { createCapturingLogger } from '../support/silent-logger.js';

describe('DynamoDB throttling at the HTTP edge', () => {
  it('answers 503 problem+json with Retry-After and no SDK details', async () => {
    const client = new DynamoDBClient({
      region: 'local',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    // Every call is throttled, as DynamoDB does when a partition runs out of capacity.
    client.middlewareStack.add(
      () => async () => {
        throw new ProvisionedThroughputExceededException({
          $metadata: {},
          message: 'The level of configured provisioned throughput for the table was exceeded',
        });
      },
      { step: 'initialize', name: 'alwaysThrottled' },
    );
    const stores = createDynamoDbStores({ client, tablePrefix: 'shutter-test-' });
    const app = createApp(createServices(stores, createTestClock()), {
      controllers: ALL_CONTROLLERS,
      logger: createCapturingLogger(),
      corsOrigins: ['*'],
      bodyLimitBytes: 1_048_576,
      clientIp: () => '203.0.113.1',
    });

    const res = await app.request('/visits/default', {
      method: 'POST',
      headers: { 'x-api-key': `shk_${'a'.repeat(43)}` },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('1');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'https://shutter.dev/problems/unavailable', status: 503 });
    expect(JSON.stringify(body)).not.toMatch(/Provisioned|Exception|throughput/i);
    await stores.close();
  });
});
