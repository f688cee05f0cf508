import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import { createJobWorker, type JobWorker } from '../job-worker.js';
import type { ContentService } from '../content-service.js';
import type { Stores } from '../service-types.js';
import { createScheduledPublishing } from '../scheduled-publishing.js';
import { createContentPipeline, type ContentPipeline } from './content-pipeline.js';

/**
 * How far ahead `drain` waits for a delayed job: past the coalescing and confirming delays of
 * the content jobs; a publish scheduled further ahead is left for its time (tests move their
 * clock to it).
 */
const DRAIN_HORIZON_MS = 10_000;

export interface InProcessContentWorker {
  pipeline: ContentPipeline;
  worker: JobWorker;
  /** Runs jobs until none is due: tests call it so that a write is visible when it returns. */
  drain(): Promise<void>;
}

/**
 * The content pipeline run by a job worker inside this process (the local server, tests), on a
 * queue this process drains (SQLite, memory). It tells this process's content service about
 * every document and index it writes, so a publish shows without waiting for a freshness check.
 * @throws Error when the stores' queue cannot be drained here (SQS: the worker is a Lambda).
 */
export function createInProcessContentWorker(
  stores: Stores,
  clock: Clock,
  logger: Logger,
  content?: Pick<ContentService, 'documentChanged' | 'indexMoved'>,
  options: { indexDelayMs?: number; revisionsKept?: number } = {},
): InProcessContentWorker {
  if (!stores.jobConsumer) throw new Error('This queue is drained elsewhere (SQS → Lambda)');
  const pipeline = createContentPipeline({
    ...stores,
    clock,
    ...(options.indexDelayMs !== undefined ? { indexDelayMs: options.indexDelayMs } : {}),
    ...(content
      ? {
          onDocumentChanged: (slug: string) => content.documentChanged(slug),
          onIndexMoved: content.indexMoved,
        }
      : {}),
  });
  const worker = createJobWorker({
    consumer: stores.jobConsumer,
    handlers: {
      ...pipeline.handlers,
      ...createScheduledPublishing(stores, clock, logger, {
        ...(options.revisionsKept !== undefined ? { revisionsKept: options.revisionsKept } : {}),
      }),
    },
    logger,
  });
  return {
    pipeline,
    worker,
    async drain() {
      // Follow-up jobs (index, purge) are queued by the jobs before them, some with a short delay
      // to coalesce bursts: keep going until a pass finds nothing, waiting out those delays. Work
      // due later than that (a scheduled publish) is left for its time.
      for (let idle = 0; idle < 2;) {
        if ((await worker.runOnce()) > 0) {
          idle = 0;
          continue;
        }
        const wait = await stores.jobConsumer!.untilNextDue();
        if (wait === undefined || wait > DRAIN_HORIZON_MS) idle++;
        else await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}
