import type { JobProducer, JobRequest } from '../../ports/job-queue.js';

/**
 * The jobs of the content pipeline. Each recomputes its output from the store's current state,
 * so running one twice, late or out of order leaves the same result (the queue delivers at least
 * once, and SQS may reorder).
 */
export const CONTENT_JOB = {
  /** Bring one slug's public document in line with the store: render and store it, or delete it. */
  review: 'content:review',
  /** Rebuild the list and search index artifact and move the pointer to it. */
  index: 'content:index',
  /** Purge cache tags from the CDN. */
  purge: 'content:purge',
  /** Compare every public document with the store and queue what differs (first start, repair). */
  reconcile: 'content:reconcile',
  /** Render what a review's preview links show and store it, or delete it (no live link). */
  preview: 'content:preview',
} as const;

/**
 * How long a index request waits before it runs, so that a burst of publishes (an editor saving
 * several reviews, a bulk import) coalesces into one rebuild: requests for a pending id are
 * dropped by the queue.
 */
export const INDEX_COALESCE_MS = 250;

/**
 * A second rebuild a little after one that moved the index, on stores whose published list may
 * lag a write (DynamoDB's index converges within a second or so).
 */
export const CONFIRM_DELAY_MS = 3_000;
export const CONFIRM_INDEX_JOB: JobRequest = {
  id: `${CONTENT_JOB.index}:confirm`,
  type: CONTENT_JOB.index,
  payload: {},
  delayMs: CONFIRM_DELAY_MS,
};

export function reviewJob(slug: string): JobRequest {
  return { id: `${CONTENT_JOB.review}:${slug}`, type: CONTENT_JOB.review, payload: { slug } };
}

export function indexJob(delayMs: number = INDEX_COALESCE_MS): JobRequest {
  return { id: CONTENT_JOB.index, type: CONTENT_JOB.index, payload: {}, delayMs };
}

export function purgeJob(tags: readonly string[]): JobRequest {
  const sorted = [...new Set(tags)].sort();
  return {
    id: `${CONTENT_JOB.purge}:${sorted.join(',')}`,
    type: CONTENT_JOB.purge,
    payload: { tags: sorted },
  };
}

/** One per review: a burst of saves while one is pending renders the draft once. */
export function previewJob(reviewId: string): JobRequest {
  return {
    id: `${CONTENT_JOB.preview}:${reviewId}`,
    type: CONTENT_JOB.preview,
    payload: { reviewId },
  };
}

/** Queues the materialisation of each slug once: what the write path does after a write. */
export async function queueReviewChanges(
  jobs: JobProducer,
  slugs: readonly string[],
): Promise<void> {
  for (const slug of new Set(slugs)) await jobs.enqueue(reviewJob(slug));
}
