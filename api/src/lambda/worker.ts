import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createJsonLineLogger } from '../adapters/logging/json-line-logger.js';
import { ALL_TABLE_STORES } from '../adapters/dynamodb/create-dynamodb-stores.js';
import { handleSqsJobBatch } from '../adapters/sqs/sqs-job-batch.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { systemClock } from '../ports/clock.js';
import type { JobHandlers } from '../ports/job-queue.js';
import type { Logger } from '../ports/logger.js';
import { createContentPipeline } from '../services/content-pipeline/content-pipeline.js';
import { createScheduledPublishing } from '../services/scheduled-publishing.js';
import { workerContentBucket } from './worker-content-bucket.js';
import { contentCdn } from './content-cdn.js';
import { contentJobQueue } from './content-job-queue.js';
import { stageFromInvokedArn } from './stage-from-arn.js';
import { openLambdaStores } from './open-lambda-stores.js';

interface Worker {
  handlers: JobHandlers;
  logger: Logger;
}

const ready = new Map<string, Promise<Worker>>();

async function build(config: Config): Promise<Worker> {
  // Each line is written before the call returns: Lambda may freeze the process at the return.
  const logger = createJsonLineLogger(config.logLevel);
  // Every table store: the pipeline reads reviews, photos, authors, previews and writes the
  // public documents (its grants are the access matrix's).
  const stores = await openLambdaStores(config, ALL_TABLE_STORES, undefined, {
    jobs: contentJobQueue,
    blobs: workerContentBucket,
    cdn: contentCdn,
  });
  const pipeline = createContentPipeline({
    ...stores,
    clock: systemClock,
    // The published list is a DynamoDB index, read eventually consistently: confirm each new
    // index with one more rebuild a little later, so a write the first one missed still lands.
    confirmIndex: true,
  });
  // Scheduled publishes run here too: the job re-reads the review and publishes it when due.
  const scheduled = createScheduledPublishing(stores, systemClock, logger);
  return { handlers: { ...pipeline.handlers, ...scheduled }, logger };
}

/**
 * The content worker: fed by the stage's SQS queue through an event source mapping on its
 * alias, it runs each message's job and reports the ones that failed (partial batch response),
 * which SQS retries and finally moves to the dead-letter queue.
 */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  let config: Config;
  try {
    const base = loadConfig();
    const stage = stageFromInvokedArn(context?.invokedFunctionArn);
    config =
      stage && stage !== base.stage ? loadConfig({ ...process.env, SHUTTER_STAGE: stage }) : base;
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    throw error;
  }
  let worker = ready.get(config.stage);
  if (!worker) {
    worker = build(config).catch((error: unknown) => {
      ready.delete(config.stage);
      throw error;
    });
    ready.set(config.stage, worker);
  }
  const { handlers, logger } = await worker;
  return handleSqsJobBatch(event, handlers, logger);
}
