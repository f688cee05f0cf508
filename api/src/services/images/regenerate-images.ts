import type { ImageStore } from '../../ports/image-store.js';
import type { JobProducer } from '../../ports/job-queue.js';
import { imageProcessJob } from './image-jobs.js';

/**
 * Queues `image:process` for every ready photo: what `npm run images -- regenerate` does after
 * the ladder or an encoder setting changed. The job is idempotent, so running this twice, or
 * while a job is pending, does no harm (pending ids coalesce).
 * @returns how many jobs it queued.
 */
export async function regenerateImages(stores: {
  images: ImageStore;
  jobs: JobProducer;
}): Promise<number> {
  let queued = 0;
  for await (const image of stores.images.listAll()) {
    if (image.status !== 'ready') continue;
    await stores.jobs.enqueue(imageProcessJob(image.reviewId, image.id));
    queued++;
  }
  return queued;
}
