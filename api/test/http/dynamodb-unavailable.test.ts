import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createDynamoDbStores } from '../../src/adapters/dynamodb/create-dynamodb-stores.js';
import { createDynamoDbHttpClient } from '../../src/adapters/dynamodb/dynamodb-http-client.js';
import { createApp } from '../../src/http/create-app.js';
import { ALL_CONTROLLERS } from '../../src/http/controllers.js';
import { createServices } from '../../src/services/create-services.js';
import { createTestClock } from '../support/clock.js';
import { createCapturingLogger } from '../support/silent-logger.js';

describe('DynamoDB throttling at the HTTP edge', () => {
  it('answers 503 problem+json with Retry-After and no SDK details', async () => {
    // Every call is throttled, as DynamoDB does when a partition runs out of capacity.
    const dynamodb = createServer((req, res) => {
      req.resume().on('end', () => {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' }).end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
            message: 'The level of configured provisioned throughput for the table was exceeded',
          }),
        );
      });
    });
    await new Promise<void>((resolve) => dynamodb.listen(0, '127.0.0.1', resolve));
    const client = createDynamoDbHttpClient({
      region: 'local',
      endpoint: `http://127.0.0.1:${(dynamodb.address() as AddressInfo).port}`,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      // The client's retries are spent at once here: the answer after them is the subject.
      retryBaseMs: 1,
      throttlingRetryBaseMs: 1,
    });
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
    await new Promise<void>((resolve) => dynamodb.close(() => resolve()));
  });
});
