import type { JobRequest } from '../../ports/job-queue.js';

/** The image pipeline's job types. */
export const IMAGE_JOB = {
  /** Check, strip and cut one uploaded original into its variants (again, on regenerate). */
  process: 'image:process',
} as const;

/** One id per image: a second request while one is pending coalesces with it. */
export function imageProcessJob(reviewId: string, imageId: string): JobRequest {
  return {
    id: `${IMAGE_JOB.process}:${imageId}`,
    type: IMAGE_JOB.process,
    payload: { reviewId, imageId },
  };
}
