import { heroOf, type ImageRecord, type PublicImage } from '../../domain/image.js';
import type { BlobStore } from '../../ports/blob-store.js';
import type { Clock } from '../../ports/clock.js';
import type { ImageStore } from '../../ports/image-store.js';
import type { JobHandler, JobProducer } from '../../ports/job-queue.js';
import type { PreviewStore } from '../../ports/preview-store.js';
import type { ReviewStore } from '../../ports/review-store.js';
import { reviewJob } from '../content-pipeline/content-jobs.js';
import { createPreviewRefresh } from '../preview-refresh.js';

export interface ImageJobDeps {
  images: ImageStore;
  reviews: ReviewStore;
  blobs: BlobStore;
  jobs: JobProducer;
  clock: Clock;
  /** The widths to cut; `IMAGE_LADDER` by default (tests of a changed ladder set another). */
  imageLadder?: readonly number[];
  /** Preview links of the review, rendered again once a photo is ready; none without it. */
  previews?: PreviewStore;
}

/**
 * Runs `image:process`: processes the image (sharp is loaded on the first job only, so a
 * process that never meets one never loads it), then, when its review is published, queues the
 * review's content job so the body's pictures and the hero follow (and, when a preview link of
 * it works, its preview render). Idempotent: processing again
 * writes the same variants (same bytes, same names) and the same record.
 */
export function imageJobHandler(deps: ImageJobDeps): JobHandler {
  return async (job) => {
    const { reviewId, imageId } = (job.payload ?? {}) as { reviewId?: unknown; imageId?: unknown };
    if (typeof reviewId !== 'string' || typeof imageId !== 'string')
      throw new Error('An image job needs a reviewId and an imageId');
    const { processImage } = await import('./process-image.js');
    const outcome = await processImage(
      { ...deps, ...(deps.imageLadder ? { ladder: deps.imageLadder } : {}) },
      reviewId,
      imageId,
    );
    if (!outcome) return;
    const review = await deps.reviews.get(reviewId);
    if (review?.status === 'published') await deps.jobs.enqueue(reviewJob(review.slug));
    if (review && deps.previews)
      await createPreviewRefresh({ ...deps, previews: deps.previews }).changed(reviewId);
  };
}

/** Every review's hero (its first ready image), from one pass over the image store. */
export async function heroesByReview(images: ImageStore): Promise<Map<string, PublicImage>> {
  const byReview = new Map<string, ImageRecord[]>();
  for await (const image of images.listAll()) {
    if (image.status !== 'ready') continue;
    const list = byReview.get(image.reviewId) ?? [];
    list.push(image);
    byReview.set(image.reviewId, list);
  }
  const heroes = new Map<string, PublicImage>();
  for (const [reviewId, list] of byReview) {
    const hero = heroOf(list);
    if (hero) heroes.set(reviewId, hero);
  }
  return heroes;
}
