import { Aws, Duration } from 'aws-cdk-lib';
import type { Stage } from './stages.js';

/**
 * The names and settings of the content pipeline's AWS resources (issue 12), shared by the stack
 * that creates them (the stage's data stack), the roles that are granted them (the API stack)
 * and the wiring between them (the jobs stack). Reached by name, like the tables: no stack
 * imports another's exports.
 */

/** Placeholder the API replaces with the stage (api/src/config.ts): one function, every stage. */
export const STAGE_PLACEHOLDER = '{stage}';

/** The stage's queue of content jobs, e.g. `shutter-pro-content-jobs`. */
export function jobQueueName(stage: Stage | typeof STAGE_PLACEHOLDER): string {
  return `shutter-${stage}-content-jobs`;
}

/** Where the queue's messages go after `JOB_MAX_RECEIVES` failed receives. */
export function deadLetterQueueName(stage: Stage | typeof STAGE_PLACEHOLDER): string {
  return `${jobQueueName(stage)}-dlq`;
}

/**
 * The stage's content bucket. Bucket names are global across every AWS account, so the account
 * and region make it unique; both are known to CloudFormation at deploy time (pseudo parameters),
 * so the name is the same in the data stack that creates it and in the setting that names it.
 * At most 8 + 3 + 9 + 12 + 1 + 14 = 47 characters, under S3's 63.
 */
export function contentBucketName(stage: Stage | typeof STAGE_PLACEHOLDER): string {
  return `shutter-${stage}-content-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

/** The index artifacts and their pointer (index-pointer.ts); photos have prefixes of their own. */
export const CONTENT_OBJECT_PREFIX = 'content/index/';

/** The longest one batch of jobs may run: an index rebuild of 100,000 reviews takes seconds. */
export const WORKER_TIMEOUT_SECONDS = 60;

/** How the event source mapping feeds the worker. */
export const WORKER_BATCH = {
  batchSize: 10,
  maxBatchingWindowSeconds: 1,
  /**
   * Concurrent worker invocations per stage: Lambda's minimum for an SQS mapping. The index
   * rebuild is not serialised by it (two can still run at once), and need not be: each rebuild
   * recomputes the artifact from the store, writes it under its content hash and moves the pointer
   * with one atomic put, so two concurrent rebuilds write the same bytes or the later state wins,
   * and the confirming rebuild queued after every move settles on the store's current state.
   */
  maxConcurrency: 2,
} as const;

/**
 * A received message is hidden this long: AWS asks for at least six times the function's timeout
 * plus the batching window, so that a batch retried by Lambda is never received twice at once.
 * It is also the delay before a failed job is tried again.
 */
export const JOB_VISIBILITY_TIMEOUT = Duration.seconds(
  6 * WORKER_TIMEOUT_SECONDS + WORKER_BATCH.maxBatchingWindowSeconds,
);

/** Receives before a job is dead-lettered: five tries over about half an hour. */
export const JOB_MAX_RECEIVES = 5;

/** How long a dead-lettered job waits for an operator (SQS's maximum). */
export const DEAD_LETTER_RETENTION = Duration.days(14);
