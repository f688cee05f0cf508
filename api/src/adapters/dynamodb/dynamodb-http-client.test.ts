import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDynamoDbHttpClient,
  DynamoDbError,
  environmentCredentials,
  type DynamoDbHttpClientOptions,
} from './dynamodb-http-client.js';

interface Seen {
  headers: IncomingHttpHeaders;
  body: unknown;
}
type Answer = { status: number; body?: unknown; raw?: string } | 'hang' | 'drop';

/** A stand-in for DynamoDB on loopback: answers each request with the next scripted answer. */
async function fakeDynamoDb(answers: Answer[]) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: JSON.parse(text) });
      const answer = answers.shift() ?? { status: 200, body: {} };
      if (answer === 'hang') return;
      if (answer === 'drop') return req.socket.destroy();
      res
        .writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' })
        .end(answer.raw ?? JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { seen, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const fixed = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const clientFor = (endpoint: string, options: Partial<DynamoDbHttpClientOptions> = {}) =>
  createDynamoDbHttpClient({
    region: 'eu-west-1',
    endpoint,
    credentials: fixed,
    retryBaseMs: 1,
    throttlingRetryBaseMs: 1,
    ...options,
  });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error as DynamoDbError,
  );
const dynamoError = (type: string, message: string, extra: object = {}) => ({
  __type: `com.amazonaws.dynamodb.v20120810#${type}`,
  message,
  ...extra,
});

describe('DynamoDB over node:http, signed by aws4fetch', () => {
  it('speaks the JSON protocol, signed, and answers the parsed JSON', async () => {
    const { seen, endpoint } = await fakeDynamoDb([
      { status: 200, body: { Item: { pk: { S: 'a' } } } },
    ]);
    const answer = await clientFor(endpoint).call('GetItem', {
      TableName: 't',
      Key: { pk: { S: 'a' } },
    });
    expect(answer).toEqual({ Item: { pk: { S: 'a' } } });
    const [request] = seen;
    expect(request!.body).toEqual({ TableName: 't', Key: { pk: { S: 'a' } } });
    expect(request!.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(request!.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(request!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/dynamodb\/aws4_request, SignedHeaders=[^,]*x-amz-target[^,]*, Signature=[0-9a-f]{64}$/,
    );
  });

  it('names an error by the exception type, with its message, status and the failed item', async () => {
    const { endpoint } = await fakeDynamoDb([
      {
        status: 400,
        body: dynamoError('ConditionalCheckFailedException', 'The conditional request failed', {
          Item: { pk: { S: 'taken' } },
        }),
      },
    ]);
    const error = await failure(clientFor(endpoint).call('PutItem', {}));
    expect(error).toBeInstanceOf(DynamoDbError);
    expect(error.name).toBe('ConditionalCheckFailedException');
    expect(error.message).toBe('The conditional request failed');
    expect(error.status).toBe(400);
    expect(error.Item).toEqual({ pk: { S: 'taken' } });
    // A refusal is final: one attempt.
    expect(error.attempts).toBe(1);
  });

  it('names an answer without a type by its status', async () => {
    const { endpoint } = await fakeDynamoDb([
      { status: 503, raw: '<html>Service Unavailable</html>' },
      { status: 502, raw: '' },
      { status: 500, raw: '' },
      { status: 418, raw: 'nope' },
    ]);
    const client = clientFor(endpoint, { maxAttempts: 1 });
    expect((await failure(client.call('GetItem', {}))).name).toBe('ServiceUnavailable');
    expect((await failure(client.call('GetItem', {}))).name).toBe('InternalServerError');
    expect((await failure(client.call('GetItem', {}))).name).toBe('InternalServerError');
    const teapot = await failure(client.call('GetItem', {}));
    expect([teapot.name, teapot.status]).toEqual(['UnknownError', 418]);
  });

  it.each([
    ['ProvisionedThroughputExceededException', 400],
    ['ThrottlingException', 400],
    ['RequestLimitExceeded', 400],
    ['InternalServerError', 500],
  ])('retries %s, then succeeds', async (type, status) => {
    const { seen, endpoint } = await fakeDynamoDb([
      { status, body: dynamoError(type, 'busy') },
      { status, body: dynamoError(type, 'busy') },
      { status: 200, body: { Count: 0 } },
    ]);
    await expect(clientFor(endpoint).call('Query', {})).resolves.toEqual({ Count: 0 });
    expect(seen).toHaveLength(3);
  });

  it('gives up after maxAttempts, with the last error', async () => {
    const throttled = { status: 400, body: dynamoError('ThrottlingException', 'Rate exceeded') };
    const { seen, endpoint } = await fakeDynamoDb([throttled, throttled, throttled, throttled]);
    const error = await failure(clientFor(endpoint).call('UpdateItem', {}));
    expect([error.name, error.attempts]).toEqual(['ThrottlingException', 3]);
    expect(seen).toHaveLength(3);
  });

  it('fails an attempt past its timeout, and the call after its retries', async () => {
    const { seen, endpoint } = await fakeDynamoDb(['hang', 'hang']);
    const error = await failure(
      clientFor(endpoint, { timeoutMs: 50, maxAttempts: 2 }).call('GetItem', {}),
    );
    expect(error.name).toBe('TimeoutError');
    expect(error.status).toBeUndefined();
    expect(error.attempts).toBe(2);
    expect(seen).toHaveLength(2);
  });

  it('retries a dropped connection, and names a refused one NetworkingError', async () => {
    const { seen, endpoint } = await fakeDynamoDb(['drop', { status: 200, body: {} }]);
    await expect(clientFor(endpoint).call('GetItem', {})).resolves.toEqual({});
    expect(seen).toHaveLength(2);
    // Port 9 (discard) on loopback: nothing listens.
    const refused = await failure(clientFor('http://127.0.0.1:9').call('GetItem', {}));
    expect([refused.name, refused.attempts]).toEqual(['NetworkingError', 3]);
  });

  it('fails each call, not its construction, when no region is known', async () => {
    const client = createDynamoDbHttpClient({ region: undefined, credentials: fixed });
    await expect(client.call('GetItem', {})).rejects.toThrow(/AWS_REGION/);
  });

  it('asks the provider again only when the credentials are about to expire', async () => {
    const { seen, endpoint } = await fakeDynamoDb([]);
    let asked = 0;
    let expiration = new Date(Date.now() + 60 * 60_000);
    const client = clientFor(endpoint, {
      credentials: async () => {
        asked += 1;
        return {
          accessKeyId: `AKID${asked}`,
          secretAccessKey: 's',
          sessionToken: `t${asked}`,
          expiration,
        };
      },
    });
    await Promise.all([client.call('GetItem', {}), client.call('GetItem', {})]);
    await client.call('GetItem', {});
    // Concurrent calls share one resolution; an hour of validity is kept.
    expect(asked).toBe(1);
    expect(seen.map((s) => s.headers['x-amz-security-token'])).toEqual(['t1', 't1', 't1']);
    // Within five minutes of expiring, the next call asks again and signs with the new ones.
    expiration = new Date(Date.now() + 60 * 60_000);
    const soon = clientFor(endpoint, {
      credentials: async () => {
        asked += 1;
        return {
          accessKeyId: `AKID${asked}`,
          secretAccessKey: 's',
          expiration: new Date(Date.now() + 60_000),
        };
      },
    });
    await soon.call('GetItem', {});
    await soon.call('GetItem', {});
    expect(asked).toBe(3);
    expect(seen.at(-1)!.headers.authorization).toContain('Credential=AKID3/');
  });

  it('reads the Lambda environment’s credentials, and fails a call without them', async () => {
    const provider = environmentCredentials({
      AWS_ACCESS_KEY_ID: 'AKIDENV',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'session',
    });
    await expect(provider()).resolves.toEqual({
      accessKeyId: 'AKIDENV',
      secretAccessKey: 'secret',
      sessionToken: 'session',
    });
    const { endpoint } = await fakeDynamoDb([]);
    const client = clientFor(endpoint, { credentials: environmentCredentials({}) });
    await expect(client.call('GetItem', {})).rejects.toThrow(/AWS_ACCESS_KEY_ID/);
  });
});
