import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { JobContext, JobHandlers, JsonValue } from '../../ports/job-queue.js';
import type { Logger } from '../../ports/logger.js';
import { ENQUEUED_AT_ATTRIBUTE, JOB_ID_ATTRIBUTE, JOB_TYPE_ATTRIBUTE } from './sqs-job-message.js';

/**
 * Runs one batch an SQS event source mapping delivered to the worker Lambda, and answers with a
 * partial batch response (the mapping must have `ReportBatchItemFailures` on): only the records
 * listed in `batchItemFailures` return to the queue, to be received again after the visibility
 * timeout and dead-lettered by the redrive policy after `maxReceiveCount` receives.
 *
 * Records are run one after another in delivery order. Records with the same job id run once:
 * every one of them was sent before the batch was received, so one run that starts now covers
 * them all (this is where a standard queue's bursts coalesce); if that run fails, all of them are
 * reported. A record that is not a job message (missing attributes, a body that is not JSON) or
 * has no handler for its type is reported as a failure and logged, so it ends in the dead-letter
 * queue where an operator can read it, rather than vanishing.
 */
export async function handleSqsJobBatch(
  event: SQSEvent,
  handlers: JobHandlers,
  logger: Logger,
): Promise<SQSBatchResponse> {
  const failures: string[] = [];
  const groups = new Map<string, { job: JobContext; messageIds: string[] }>();
  for (const record of event.Records) {
    const decoded = decodeJobRecord(record);
    if (typeof decoded === 'string') {
      logger.warn({ messageId: record.messageId, reason: decoded }, 'malformed job message');
      failures.push(record.messageId);
      continue;
    }
    const group = groups.get(decoded.id);
    if (group) group.messageIds.push(record.messageId);
    else groups.set(decoded.id, { job: decoded, messageIds: [record.messageId] });
  }

  for (const { job, messageIds } of groups.values()) {
    const handler = Object.hasOwn(handlers, job.type) ? handlers[job.type] : undefined;
    try {
      if (!handler) throw new Error(`No handler for job type "${job.type}"`);
      await handler(job);
    } catch (error) {
      logger.warn(
        {
          jobId: job.id,
          jobType: job.type,
          attempts: job.attempts,
          messageIds,
          error: error instanceof Error ? error.message : String(error),
        },
        'job failed',
      );
      failures.push(...messageIds);
    }
  }
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}

/** The job a record carries, or why it carries none. */
export function decodeJobRecord(record: SQSRecord): JobContext | string {
  const id = record.messageAttributes?.[JOB_ID_ATTRIBUTE]?.stringValue;
  const type = record.messageAttributes?.[JOB_TYPE_ATTRIBUTE]?.stringValue;
  if (!id) return `no "${JOB_ID_ATTRIBUTE}" message attribute`;
  if (!type) return `no "${JOB_TYPE_ATTRIBUTE}" message attribute`;
  let payload: JsonValue;
  try {
    payload = JSON.parse(record.body) as JsonValue;
  } catch {
    return 'the body is not JSON';
  }
  const attempts = Number(record.attributes?.ApproximateReceiveCount);
  const enqueuedAt = Number(
    record.messageAttributes[ENQUEUED_AT_ATTRIBUTE]?.stringValue ??
      record.attributes?.SentTimestamp,
  );
  return {
    id,
    type,
    payload,
    attempts: Number.isInteger(attempts) && attempts > 0 ? attempts : 1,
    enqueuedAt: new Date(Number.isFinite(enqueuedAt) ? enqueuedAt : 0),
  };
}
