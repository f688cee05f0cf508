import type { Clock } from '../ports/clock.js';
import type { JobProducer } from '../ports/job-queue.js';
import type { PreviewStore } from '../ports/preview-store.js';
import { previewJob } from './content-pipeline/content-jobs.js';

export interface PreviewRefreshDeps {
  previews: Pick<PreviewStore, 'latestExpiry' | 'revokeAll'>;
  jobs: JobProducer;
  clock: Clock;
  /** Called after a job was queued (the local server wakes its worker; tests drain). */
  afterQueued?: () => Promise<void> | void;
}

/**
 * Keeps what preview links show in step with their review, from the write side: a change queues
 * the review's `content:preview` job (the worker renders; this side never does), a delete revokes
 * its links and render at once. A review without a working link costs one lookup and no job.
 */
export interface PreviewRefresh {
  /** After a save or a photo change: queues a render when a link of the review still works. */
  changed(reviewId: string): Promise<void>;
  /** After the review was deleted: its links answer 404 from now on, its render is gone. */
  deleted(reviewId: string): Promise<void>;
  /** Queues a render whatever the links (a link was just made). */
  render(reviewId: string): Promise<void>;
}

export function createPreviewRefresh(deps: PreviewRefreshDeps): PreviewRefresh {
  async function render(reviewId: string): Promise<void> {
    await deps.jobs.enqueue(previewJob(reviewId));
    await deps.afterQueued?.();
  }
  return {
    async changed(reviewId) {
      const until = await deps.previews.latestExpiry(reviewId);
      if (until !== undefined && Date.parse(until) > deps.clock.now().getTime())
        await render(reviewId);
    },
    async deleted(reviewId) {
      await deps.previews.revokeAll(reviewId);
    },
    render,
  };
}
