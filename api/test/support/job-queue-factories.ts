import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { createMemoryJobQueue } from '../../src/adapters/memory/memory-job-queue.js';
import { handleSqsJobBatch } from '../../src/adapters/sqs/sqs-job-batch.js';
import { createSqsJobQueue } from '../../src/adapters/sqs/sqs-job-queue.js';
import {
  createSqsSendMessage,
  type SqsSendMessageInput,
} from '../../src/adapters/sqs/sqs-send-message.js';
import { openDatabase } from '../../src/adapters/sqlite/open-database.js';
import { createSqliteJobQueue } from '../../src/adapters/sqlite/sqlite-job-queue.js';
import type {
  JobContext,
  JobProducer,
  JobQueue,
  JobQueueOptions,
} from '../../src/ports/job-queue.js';
import type { TestClock } from './clock.js';
import { startFakeAwsServer, TEST_AWS_ENV, testAwsCredentials } from './fake-aws-server.js';
import { createCapturingLogger } from './silent-logger.js';

export interface ProducerRun {
  producer: JobProducer;
  /** Runs what the consumer would receive now, once each, and returns those jobs in order. */
  deliver(): Promise<JobContext[]>;
  close(): void;
}

export interface ProducerFactory {
  name: string;
  create(clock: TestClock): Promise<ProducerRun>;
}

export interface ConsumerFactory {
  name: string;
  create(clock: TestClock, options: JobQueueOptions): Promise<{ queue: JobQueue; close(): void }>;
}

/** The in-process queues, which are their own consumers. */
export const consumerFactories: ConsumerFactory[] = [
  {
    name: 'memory',
    create: async (clock, options) => ({
      queue: createMemoryJobQueue(clock, options),
      close: () => undefined,
    }),
  },
  {
    name: 'sqlite',
    create: async (clock, options) => {
      const db = openDatabase({ filename: ':memory:' });
      return { queue: createSqliteJobQueue(db, clock, options), close: () => db.close() };
    },
  },
];

/** Delivery from an in-process queue: lease everything due and acknowledge it. */
function leaseAll(queue: JobQueue): () => Promise<JobContext[]> {
  return async () => {
    const jobs = await queue.lease({ max: 1000, leaseMs: 60_000 });
    for (const job of jobs) await queue.ack(job.token);
    return jobs.map(({ token: _token, ...job }) => job);
  };
}

/**
 * Every producer. SQS runs against a fake SQS on loopback: what `SendMessage` received is turned into
 * the SQS event a Lambda would get once each message's `DelaySeconds` has passed on the test
 * clock, and run through `handleSqsJobBatch` — so the same assertions hold for what each adapter
 * would deliver.
 */
export const producerFactories: ProducerFactory[] = [
  ...consumerFactories.map((factory): ProducerFactory => ({
    name: factory.name,
    create: async (clock) => {
      const { queue, close } = await factory.create(clock, {});
      return { producer: queue, deliver: leaseAll(queue), close };
    },
  })),
  {
    name: 'sqs (fake SQS over HTTP)',
    create: async (clock) => {
      const sqs = await startFakeAwsServer();
      const sent: Array<{ input: SqsSendMessageInput; at: number; messageId: string }> = [];
      let messages = 0;
      sqs.answer((request) => {
        const messageId = `m-${++messages}`;
        const input = JSON.parse(request.body.toString()) as SqsSendMessageInput;
        sent.push({ input, at: clock.now().getTime(), messageId });
        return { json: { MessageId: messageId } };
      });
      const producer = createSqsJobQueue({
        sendMessage: createSqsSendMessage({
          endpoint: sqs.endpoint,
          region: TEST_AWS_ENV.AWS_REGION,
          credentials: testAwsCredentials,
        }),
        queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
        now: () => clock.now(),
      });
      const deliver = async () => {
        const now = clock.now().getTime();
        const due = sent.filter((m) => m.at + (m.input.DelaySeconds ?? 0) * 1000 <= now);
        for (const message of due) sent.splice(sent.indexOf(message), 1);
        if (due.length === 0) return [];
        const ran: JobContext[] = [];
        const handlers = Object.fromEntries(
          due.map((m) => [
            m.input.MessageAttributes!.jobType!.StringValue!,
            async (job: JobContext) => void ran.push(job),
          ]),
        );
        const event: SQSEvent = { Records: due.map((m) => sqsRecord(m.input, m.messageId, m.at)) };
        const result = await handleSqsJobBatch(event, handlers, createCapturingLogger());
        if (result.batchItemFailures.length > 0) throw new Error('a delivered job failed');
        return ran;
      };
      return { producer, deliver, close: () => undefined };
    },
  },
];

/** The record Lambda's event source mapping would build from a sent message. */
export function sqsRecord(
  input: SqsSendMessageInput,
  messageId: string,
  sentAt: number,
): SQSRecord {
  const messageAttributes: SQSRecord['messageAttributes'] = {};
  for (const [name, value] of Object.entries(input.MessageAttributes ?? {}))
    messageAttributes[name] = {
      stringValue: value.StringValue,
      stringListValues: [],
      binaryListValues: [],
      dataType: value.DataType,
    };
  return {
    messageId,
    receiptHandle: `AQEB${messageId}`,
    body: input.MessageBody,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(sentAt),
      SenderId: 'AROAEXAMPLE:content',
      ApproximateFirstReceiveTimestamp: String(sentAt + 5),
    },
    messageAttributes,
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:jobs',
    awsRegion: 'eu-west-1',
  };
}
