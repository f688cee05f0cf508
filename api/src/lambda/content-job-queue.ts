import { createSqsJobQueue } from '../adapters/sqs/sqs-job-queue.js';
import type { Config } from '../config.js';
import type { JobProducer } from '../ports/job-queue.js';
import { requiredSetting } from './required-setting.js';

/**
 * The content job queue on SQS, as a producer (the worker function is fed by the queue). Sent by
 * the light client (aws4fetch), with the function's region and credentials from the environment.
 */
export function contentJobQueue(config: Config): JobProducer {
  return createSqsJobQueue({
    queueUrl: requiredSetting(config.jobQueueUrl, 'SHUTTER_JOB_QUEUE_URL'),
  });
}
