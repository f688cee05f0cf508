import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  startFakeAwsServer,
  signedFor,
  testAwsCredentials,
  TEST_AWS_ENV,
} from '../../../test/support/fake-aws-server.js';
import { AwsTransportError, createAwsSend, type AwsServiceOptions } from './aws-request.js';

// createAwsSend's retries and deadline (what aws4fetch's `fetch` did for SSM, SQS and S3 before
// the calls went over node:http), against a fake service on loopback.

const sendWith = (options: Partial<AwsServiceOptions> = {}) =>
  createAwsSend({
    service: 'ssm',
    region: TEST_AWS_ENV.AWS_REGION,
    credentials: testAwsCredentials,
    retryBaseMs: 1,
    ...options,
  });
const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };

describe('signed AWS requests', () => {
  it('signs each attempt and retries a 5xx and a 429 until an answer that is neither', async () => {
    const fake = await startFakeAwsServer();
    const statuses = [503, 429, 200];
    fake.answer(() => ({ status: statuses.shift()!, json: {} }));
    const answer = await sendWith()(`${fake.endpoint}/`, post);
    expect(answer.status).toBe(200);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests.every((request) => signedFor(request, 'ssm'))).toBe(true);
  });

  it('gives the last error answer after its retries, and never retries a 4xx', async () => {
    const fake = await startFakeAwsServer();
    fake.answer(() => ({ status: 500, json: {} }));
    expect((await sendWith({ retries: 2 })(`${fake.endpoint}/`, post)).status).toBe(500);
    expect(fake.requests).toHaveLength(3);
    fake.answer(() => ({ status: 400, json: {} }));
    expect((await sendWith()(`${fake.endpoint}/`, post)).status).toBe(400);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a refused connection, then fails with NetworkingError', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const error = await sendWith()(`http://127.0.0.1:${port}/`, post).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsTransportError);
    expect(error).toMatchObject({ name: 'NetworkingError', $metadata: {} });
    // The transport's failure, then the socket's, as causes.
    const cause = (error as Error).cause as Error;
    expect(((cause.cause ?? {}) as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('fails with RequestTimeout once the deadline of the whole call has passed', async () => {
    const fake = await startFakeAwsServer();
    let calls = 0;
    fake.answer(async () => {
      calls++;
      // Each answer after the deadline: one attempt only, then the deadline settles it.
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { status: 503, json: {} };
    });
    await expect(sendWith({ timeoutMs: 50 })(`${fake.endpoint}/`, post)).rejects.toMatchObject({
      name: 'RequestTimeout',
    });
    expect(calls).toBe(1);
  });
});
