import { SQSClient } from '@aws-sdk/client-sqs';
import { createSqsJobQueue } from '../adapters/sqs/sqs-job-queue.js';
import type { Config } from '../config.js';
import type { JobProducer } from '../ports/job-queue.js';
import { requiredSetting } from './required-setting.js';

/** The content job queue on SQS, as a producer (the worker function is fed by the queue). */
export function contentJobQueue(config: Config): JobProducer {
  return createSqsJobQueue({
    client: new SQSClient({}),
    queueUrl: requiredSetting(config.jobQueueUrl, 'SHUTTER_JOB_QUEUE_URL'),
  });
}
