import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createCapturingLogger } from '../support/silent-logger.js';
import type { JobContext } from '../../src/ports/job-queue.js';
import { handleSqsJobBatch } from '../../src/adapters/sqs/sqs-job-batch.js';

/** An SQS record as Lambda's event source mapping delivers it (AWS's published example shape). */
function record(
  messageId: string,
  job: { id?: string; type?: string; body?: string; receiveCount?: number },
): SQSRecord {
  const messageAttributes: SQSRecord['messageAttributes'] = {};
  if (job.id !== undefined)
    messageAttributes.jobId = {
      stringValue: job.id,
      stringListValues: [],
      binaryListValues: [],
      dataType: 'String',
    };
  if (job.type !== undefined)
    messageAttributes.jobType = {
      stringValue: job.type,
      stringListValues: [],
      binaryListValues: [],
      dataType: 'String',
    };
  messageAttributes.enqueuedAt = {
    stringValue: '1795262400000',
    stringListValues: [],
    binaryListValues: [],
    dataType: 'Number',
  };
  return {
    messageId,
    receiptHandle: `MessageReceiptHandle-${messageId}`,
    body: job.body ?? '{}',
    attributes: {
      ApproximateReceiveCount: String(job.receiveCount ?? 1),
      SentTimestamp: '1795262400000',
      SenderId: 'AROAEXAMPLE:content-function',
      ApproximateFirstReceiveTimestamp: '1795262400005',
    },
    messageAttributes,
    md5OfBody: '7b270e59b47ff90a553787216d55d91d',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:shutter-jobs',
    awsRegion: 'eu-west-1',
  };
}

describe('handleSqsJobBatch', () => {
  it('runs each job and reports only the ones that threw', async () => {
    const ran: JobContext[] = [];
    const logger = createCapturingLogger();
    const event: SQSEvent = {
      Records: [
        record('m1', { id: 'render:r1', type: 'render', body: '{"review":"r1"}', receiveCount: 2 }),
        record('m2', { id: 'render:r2', type: 'render', body: '{"review":"r2"}' }),
        record('m3', { id: 'purge:1', type: 'purge', body: '["review:r1"]' }),
      ],
    };
    const result = await handleSqsJobBatch(
      event,
      {
        render: async (job) => {
          ran.push(job);
          if (job.id === 'render:r2') throw new Error('markdown exploded');
        },
        purge: async (job) => void ran.push(job),
      },
      logger,
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(ran).toEqual([
      {
        id: 'render:r1',
        type: 'render',
        payload: { review: 'r1' },
        attempts: 2,
        enqueuedAt: new Date(1795262400000),
      },
      expect.objectContaining({ id: 'render:r2', attempts: 1 }),
      expect.objectContaining({ id: 'purge:1', payload: ['review:r1'] }),
    ]);
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'job failed',
        jobId: 'render:r2',
        error: 'markdown exploded',
        messageIds: ['m2'],
      }),
    ]);
  });

  it('runs one id once per batch, and fails every copy if that run fails', async () => {
    let runs = 0;
    const event: SQSEvent = {
      Records: [
        record('m1', { id: 'index:rebuild', type: 'index', body: '{"n":1}' }),
        record('m2', { id: 'index:rebuild', type: 'index', body: '{"n":2}' }),
        record('m3', { id: 'index:rebuild', type: 'index', body: '{"n":3}' }),
      ],
    };
    const ok = await handleSqsJobBatch(
      event,
      { index: async () => void (runs += 1) },
      createCapturingLogger(),
    );
    expect(runs).toBe(1);
    expect(ok.batchItemFailures).toEqual([]);
    const failed = await handleSqsJobBatch(
      event,
      {
        index: async () => {
          throw new Error('store down');
        },
      },
      createCapturingLogger(),
    );
    expect(failed.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m1', 'm2', 'm3']);
  });

  it('reports malformed records and unknown types as failures, and logs them', async () => {
    const logger = createCapturingLogger();
    let ran = 0;
    const result = await handleSqsJobBatch(
      {
        Records: [
          record('no-id', { type: 'render' }),
          record('no-type', { id: 'x' }),
          record('bad-json', { id: 'y', type: 'render', body: '{not json' }),
          record('unknown', { id: 'z', type: 'teleport' }),
          record('fine', { id: 'w', type: 'render' }),
        ],
      },
      { render: async () => void (ran += 1) },
      logger,
    );
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([
      'no-id',
      'no-type',
      'bad-json',
      'unknown',
    ]);
    expect(ran).toBe(1);
    expect(logger.lines.map((line) => [line.level, line.msg])).toEqual([
      ['warn', 'malformed job message'],
      ['warn', 'malformed job message'],
      ['warn', 'malformed job message'],
      ['warn', 'job failed'],
    ]);
  });
});
