import { describe, expect, it } from 'vitest';
import { UnavailableError, ValidationError } from '../../domain/errors.js';
import {
  fakeAwsServer,
  signedFor,
  testAwsCredentials,
  TEST_AWS_ENV,
} from '../../../test/support/fake-aws-server.js';
import { createSqsJobQueue } from './sqs-job-queue.js';
import { createSqsSendMessage } from './sqs-send-message.js';

// The producer over HTTP against a fake SQS on loopback: what it sends, and how it reads SQS's
// JSON-protocol answers, errors included.
const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs';

async function producer() {
  const sqs = await fakeAwsServer();
  sqs.answer(() => ({ json: { MessageId: 'm0' } }));
  const jobs = createSqsJobQueue({
    sendMessage: createSqsSendMessage({
      endpoint: sqs.endpoint,
      region: TEST_AWS_ENV.AWS_REGION,
      credentials: testAwsCredentials,
    }),
    queueUrl,
    now: () => new Date('2026-11-21T12:00:00.000Z'),
  });
  return { sqs, jobs };
}

/** An SQS JSON-protocol error answer (SQS also says the query protocol's code in a header). */
const sqsError = (type: string, status: number) => ({
  status,
  headers: { 'x-amzn-query-error': `AWS.SimpleQueueService.${type};Sender` },
  json: { __type: `com.amazonaws.sqs#${type}`, message: `${type} happened` },
});

describe('SQS job producer', () => {
  it('posts a signed AmazonSQS.SendMessage: payload as the body, id and type as attributes, the delay in whole seconds', async () => {
    const { sqs, jobs } = await producer();
    sqs.answer(() => ({ json: { MessageId: 'm1', MD5OfMessageBody: 'x' } }));
    await jobs.enqueue({ id: 'index:rebuild', type: 'index', payload: { a: 1 }, delayMs: 2_001 });
    expect(sqs.requests).toHaveLength(1);
    const [request] = sqs.requests;
    expect(request!.method).toBe('POST');
    expect(request!.headers['x-amz-target']).toBe('AmazonSQS.SendMessage');
    expect(request!.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(signedFor(request!, 'sqs')).toBe(true);
    expect(JSON.parse(request!.body.toString())).toEqual({
      QueueUrl: queueUrl,
      MessageBody: '{"a":1}',
      DelaySeconds: 3,
      MessageAttributes: {
        jobId: { DataType: 'String', StringValue: 'index:rebuild' },
        jobType: { DataType: 'String', StringValue: 'index' },
        enqueuedAt: {
          DataType: 'Number',
          StringValue: String(Date.parse('2026-11-21T12:00:00.000Z')),
        },
      },
    });
  });

  it('refuses a delay SQS cannot hold (over 900 s) without sending', async () => {
    const { sqs, jobs } = await producer();
    await expect(
      jobs.enqueue({ id: 'a', type: 't', payload: null, delayMs: 900_001 }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(sqs.requests).toHaveLength(0);
  });

  it.each([
    ['RequestThrottled', 400],
    ['ThrottlingException', 400],
    ['KmsThrottled', 400],
    ['InternalError', 500],
    ['ServiceUnavailable', 503],
  ])('turns %s into UnavailableError', async (name, status) => {
    const { sqs, jobs } = await producer();
    sqs.answer(() => sqsError(name, status));
    await expect(jobs.enqueue({ id: 'a', type: 't', payload: null })).rejects.toBeInstanceOf(
      UnavailableError,
    );
  });

  it('turns no answer at all (the service down) into UnavailableError', async () => {
    const jobs = createSqsJobQueue({
      sendMessage: createSqsSendMessage({
        // Nothing listens on port 9 (discard) on loopback here: the connection is refused.
        endpoint: 'http://127.0.0.1:9',
        region: TEST_AWS_ENV.AWS_REGION,
        credentials: () => Promise.resolve({ accessKeyId: 'a', secretAccessKey: 'b' }),
      }),
      queueUrl,
    });
    await expect(jobs.enqueue({ id: 'a', type: 't', payload: null })).rejects.toBeInstanceOf(
      UnavailableError,
    );
  });

  it('lets a configuration error (no such queue) through', async () => {
    const { sqs, jobs } = await producer();
    sqs.answer(() => sqsError('QueueDoesNotExist', 400));
    await expect(jobs.enqueue({ id: 'a', type: 't', payload: null })).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
      message: 'QueueDoesNotExist happened',
      $metadata: { httpStatusCode: 400 },
    });
  });
});
