import { ValidationError } from '../../domain/errors.js';
import { assertJobRequest } from '../../domain/job-request.js';
import type { JobProducer } from '../../ports/job-queue.js';
import {
  ENQUEUED_AT_ATTRIBUTE,
  JOB_ID_ATTRIBUTE,
  JOB_TYPE_ATTRIBUTE,
  sqsDelaySeconds,
} from './sqs-job-message.js';
import { createSqsSendMessage, type SqsSendMessage } from './sqs-send-message.js';
import { translateSqsError } from './translate-sqs-error.js';

export interface SqsJobQueueOptions {
  /** Sends a message; SQS's `SendMessage` from the environment's region by default. */
  sendMessage?: SqsSendMessage;
  /** A standard queue's URL; its redrive policy and visibility timeout set retries (see the port). */
  queueUrl: string;
  /** Stamps `enqueuedAt`; the system clock by default. */
  now?: () => Date;
}

/**
 * The producer on AWS: one `SendMessage` per request. A standard queue cannot coalesce or
 * deduplicate, so a burst of the same id is a burst of messages; the batch helper
 * (`handleSqsJobBatch`) runs each id once per batch and the handlers' idempotency covers the rest.
 * (A FIFO queue could deduplicate for five minutes, but would also serialise every job behind a
 * failing one of its group and caps throughput; not worth it for idempotent work.)
 */
export function createSqsJobQueue({
  sendMessage = createSqsSendMessage(),
  queueUrl,
  now = () => new Date(),
}: SqsJobQueueOptions): JobProducer {
  return {
    async enqueue(job) {
      assertJobRequest(job);
      let delaySeconds: number;
      try {
        delaySeconds = sqsDelaySeconds(job.delayMs);
      } catch (error) {
        throw new ValidationError((error as Error).message, [
          { field: 'delayMs', message: 'at most 900,000 ms on SQS' },
        ]);
      }
      try {
        await sendMessage({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(job.payload),
          DelaySeconds: delaySeconds,
          MessageAttributes: {
            [JOB_ID_ATTRIBUTE]: { DataType: 'String', StringValue: job.id },
            [JOB_TYPE_ATTRIBUTE]: { DataType: 'String', StringValue: job.type },
            [ENQUEUED_AT_ATTRIBUTE]: { DataType: 'Number', StringValue: String(now().getTime()) },
          },
        });
      } catch (error) {
        throw translateSqsError(error);
      }
    },
  };
}
