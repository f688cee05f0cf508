import type { ImageRecord } from '../../domain/image.js';
import type { ImageStore } from '../../ports/image-store.js';

/** How often a read-modify-write is tried before it gives up to a busier writer. */
const ATTEMPTS = 5;

/**
 * Reads an image, applies `change` and writes it at the next version, again from a fresh read
 * when another write came first (the processing job and an alt edit may race).
 * @returns the stored record, or `undefined` when the image is gone.
 * @throws Error when every attempt lost a race (the job is retried, the request answers 500).
 */
export async function updateImage(
  images: ImageStore,
  reviewId: string,
  imageId: string,
  change: (current: ImageRecord) => ImageRecord,
): Promise<ImageRecord | undefined> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await images.get(reviewId, imageId);
    if (!current) return undefined;
    const next = { ...change(current), version: current.version + 1 };
    if (await images.put(next)) return next;
  }
  throw new Error(`Image ${imageId} kept changing under ${ATTEMPTS} attempts to update it`);
}
