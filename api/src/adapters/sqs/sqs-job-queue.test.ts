import { SendMessageCommand, SQSClient, SQSServiceException } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { UnavailableError, ValidationError } from '../../domain/errors.js';
import { createSqsJobQueue } from './sqs-job-queue.js';

const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());

const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs';
const producer = () =>
  createSqsJobQueue({
    client: new SQSClient({ region: 'eu-west-1' }),
    queueUrl,
    now: () => new Date('2026-11-21T12:00:00.000Z'),
  });

describe('SQS job producer', () => {
  it('sends the payload as the body, id and type as attributes, the delay in whole seconds', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    await producer().enqueue({
      id: 'index:rebuild',
      type: 'index',
      payload: { a: 1 },
      delayMs: 2_001,
    });
    expect(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input).toEqual({
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
    await expect(
      producer().enqueue({ id: 'a', type: 't', payload: null, delayMs: 900_001 }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it.each([
    ['RequestThrottled', 400],
    ['KmsThrottled', 400],
    ['InternalError', 500],
    ['ServiceUnavailable', 503],
  ])('turns %s into UnavailableError', async (name, status) => {
    sqs
      .on(SendMessageCommand)
      .rejects(
        new SQSServiceException({ name, $fault: 'server', $metadata: { httpStatusCode: status } }),
      );
    await expect(producer().enqueue({ id: 'a', type: 't', payload: null })).rejects.toBeInstanceOf(
      UnavailableError,
    );
  });

  it('lets a configuration error (no such queue) through', async () => {
    sqs.on(SendMessageCommand).rejects(
      new SQSServiceException({
        name: 'QueueDoesNotExist',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    await expect(producer().enqueue({ id: 'a', type: 't', payload: null })).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
    });
  });
});
