import type { Clock } from '../ports/clock.js';
import type { JobHandlers, JobProducer, JobRequest } from '../ports/job-queue.js';
import type { Logger } from '../ports/logger.js';
import { queueReviewChanges } from './content-pipeline/content-jobs.js';
import { createSecretCursorCodec } from './cursor.js';
import { createPreviewRefresh } from './preview-refresh.js';
import { createReviewService, type ReviewService } from './review-service.js';
import type { Stores } from './service-types.js';

/** The job type that publishes a scheduled review when its `publishAt` comes. */
export const PUBLISH_JOB = 'content:publish';

/**
 * The longest a publish job waits in the queue before it looks again. SQS holds a message at
 * most 900 s (`DelaySeconds`), so a publish scheduled further ahead is a chain of jobs, each
 * re-enqueued with the time left until one is due. The same cap applies on every queue, so the
 * chain is the one behaviour tested locally too; its cost is one small job per 15 minutes per
 * scheduled review.
 */
export const MAX_PUBLISH_DELAY_MS = 900_000;

interface PublishPayload {
  reviewId: string;
  publishAt: string;
}

/**
 * The job that publishes review `reviewId` at `publishAt`, or looks again after
 * {@link MAX_PUBLISH_DELAY_MS}. Its id names the instant, so rescheduling to an earlier time
 * queues a new job rather than coalescing into the pending later one; the old job then finds the
 * review rescheduled and does nothing.
 */
export function publishJob(reviewId: string, publishAt: string, now: Date): JobRequest {
  const remaining = Math.max(0, Date.parse(publishAt) - now.getTime());
  return {
    id: `${PUBLISH_JOB}:${reviewId}:${Date.parse(publishAt)}`,
    type: PUBLISH_JOB,
    payload: { reviewId, publishAt } satisfies PublishPayload,
    delayMs: Math.min(remaining, MAX_PUBLISH_DELAY_MS),
  };
}

function payloadOf(payload: unknown): PublishPayload {
  const p = payload as Partial<PublishPayload> | null;
  if (typeof p?.reviewId !== 'string' || typeof p.publishAt !== 'string') {
    throw new Error('A publish job needs a reviewId and a publishAt');
  }
  return { reviewId: p.reviewId, publishAt: p.publishAt };
}

export interface ScheduledPublishingDeps {
  reviews: Pick<ReviewService, 'publishScheduled'>;
  /** Where a job that is not due yet goes back, with the time left. */
  jobs: JobProducer;
  clock: Clock;
  logger: Logger;
}

/**
 * The handler of {@link PUBLISH_JOB}, for the in-process worker and the SQS worker function. It
 * re-reads the review: still scheduled for this instant and due → published (the service queues
 * its content jobs); not due → queued again for the time left; anything else → nothing, so a
 * job delivered twice or late is harmless. A publish a rule refused is on the review
 * (`scheduleError`) and logged as a warning; a store failure throws, so the queue retries it.
 */
export function scheduledPublishingHandlers({
  reviews,
  jobs,
  clock,
  logger,
}: ScheduledPublishingDeps): JobHandlers {
  return {
    [PUBLISH_JOB]: async (job) => {
      const { reviewId, publishAt } = payloadOf(job.payload);
      const outcome = await reviews.publishScheduled(reviewId, publishAt);
      switch (outcome.kind) {
        case 'not-due':
          await jobs.enqueue(publishJob(reviewId, publishAt, clock.now()));
          return;
        case 'stale':
          logger.debug({ jobId: job.id, reviewId }, 'scheduled publish no longer wanted');
          return;
        case 'published':
          logger.info(
            { jobId: job.id, reviewId, slug: outcome.review.slug, publishAt },
            'scheduled review published',
          );
          return;
        case 'failed':
          logger.warn(
            { jobId: job.id, reviewId, publishAt, error: outcome.error },
            'scheduled publish refused; the review shows why',
          );
          return;
      }
    },
  };
}

/**
 * The publish job's handler as a worker builds it from its stores: a review service of its own
 * (no tokens: it only publishes, as the scheduler), whose writes queue their content jobs on the
 * same queue. Used by the in-process worker and the SQS worker function.
 */
export function createScheduledPublishing(
  stores: Stores,
  clock: Clock,
  logger: Logger,
  options: { revisionsKept?: number } = {},
): JobHandlers {
  const reviews = createReviewService({
    reviews: stores.reviews,
    // A scheduled publish is a save like an editor's: it keeps a revision, and prunes to the
    // same count as the editor API (a smaller default here would drop the editors' revisions).
    revisions: stores.revisions,
    ...(options.revisionsKept !== undefined ? { revisionsKept: options.revisionsKept } : {}),
    images: stores.images,
    clock,
    // Never used: the scheduler lists nothing. The key would be read only by `ready()`.
    cursors: createSecretCursorCodec(stores.secrets),
    onPublishedContentChange: (slugs) => queueReviewChanges(stores.jobs, slugs),
    // A published draft's preview links show its publication date from now on.
    onReviewChanged: createPreviewRefresh({ ...stores, clock }).changed,
  });
  return scheduledPublishingHandlers({ reviews, jobs: stores.jobs, clock, logger });
}
