import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isAdmin, type CurrentUser } from '../../domain/current-user.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js';
import {
  IMAGE_CONTENT_TYPES,
  IMAGE_VARIANT_PREFIX,
  IMMUTABLE_CACHE_CONTROL,
  isImageContentType,
  MAX_ALT_LENGTH,
  MAX_IMAGE_BYTES,
  UPLOAD_TTL_MS,
  uploadKey,
  variantContentType,
  type ImageRecord,
} from '../../domain/image.js';
import type { Review } from '../../domain/review.js';
import type { BlobStore, StoredBlob } from '../../ports/blob-store.js';
import type { Clock } from '../../ports/clock.js';
import type { ImageStore } from '../../ports/image-store.js';
import type { JobProducer } from '../../ports/job-queue.js';
import type { ReviewStore } from '../../ports/review-store.js';
import type { UploadSigner, UploadTarget } from '../../ports/upload-signer.js';
import { queueReviewChanges } from '../content-pipeline/content-jobs.js';
import { imageProcessJob } from './image-jobs.js';
import { updateImage } from './update-image.js';

/** What a client declares before uploading. */
export interface NewImage {
  filename: string;
  contentType: string;
  size: number;
  alt: string;
}

/** The local upload route's form: the fields it was given, and the file. */
export interface LocalUpload {
  fields: Record<string, string>;
  file: { bytes: Uint8Array; size: number };
}

export interface ImagesService {
  /**
   * Creates a pending image and the upload target for its file.
   * @throws NotFoundError when the review is missing or not the user's (unless admin).
   * @throws ValidationError for a type, size, name or alt text out of bounds.
   */
  create(
    user: CurrentUser,
    reviewId: string,
    input: NewImage,
  ): Promise<{ image: ImageRecord; upload: UploadTarget }>;
  /** @throws NotFoundError as {@link create}. */
  list(user: CurrentUser, reviewId: string): Promise<ImageRecord[]>;
  /** @throws NotFoundError as {@link create}, or for an unknown image. */
  get(user: CurrentUser, reviewId: string, imageId: string): Promise<ImageRecord>;
  /** Changes the alt text. @throws as {@link get}, ValidationError for an empty or long alt. */
  updateAlt(
    user: CurrentUser,
    reviewId: string,
    imageId: string,
    alt: string,
  ): Promise<ImageRecord>;
  /** Removes the record, its original and its variants. @throws as {@link get}. */
  remove(user: CurrentUser, reviewId: string, imageId: string): Promise<void>;
  /**
   * Called by the client once its upload succeeded: queues the processing job.
   * @throws ConflictError when no file was uploaded yet, or the image is no longer pending.
   */
  complete(user: CurrentUser, reviewId: string, imageId: string): Promise<ImageRecord>;
  /**
   * The local upload route (no S3 here): checks the form as an S3 POST policy would (token,
   * expiry, key, `Content-Type`, size) and stores the original.
   * @throws ForbiddenError for a wrong token, key or content type, or an expired policy.
   * @throws ValidationError (`tooLarge`) for a file over the declared size.
   */
  acceptUpload(reviewId: string, imageId: string, upload: LocalUpload): Promise<void>;
  /** A variant's bytes by file name, for the local `/images/{name}` route; `undefined` if none. */
  variant(name: string): Promise<StoredBlob | undefined>;
}

/** Thrown for a file over the declared size; the route answers 413. */
export class UploadTooLargeError extends ValidationError {}

export interface ImagesServiceDeps {
  images: ImageStore;
  reviews: ReviewStore;
  blobs: BlobStore;
  jobs: JobProducer;
  clock: Clock;
  /** S3 POST policies on AWS; without one, uploads go to `POST /uploads/{reviewId}/{imageId}`. */
  uploadSigner?: UploadSigner;
  /** Called after a job was queued (the local server wakes its worker; tests drain). */
  afterQueued?: () => Promise<void> | void;
  /** Called after a change a reader would see, published or not: preview links render again. */
  onReviewChanged?: (reviewId: string) => Promise<void>;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** The editors' side of a review's photos. */
export function createImagesService(deps: ImagesServiceDeps): ImagesService {
  const { images, reviews, blobs, jobs, clock } = deps;

  async function ownReview(user: CurrentUser, reviewId: string): Promise<Review> {
    const review = await reviews.get(reviewId);
    if (!review || (!isAdmin(user) && review.authorId !== user.id))
      throw new NotFoundError(`No review with id "${reviewId}"`);
    return review;
  }

  async function ownImage(user: CurrentUser, reviewId: string, imageId: string) {
    const review = await ownReview(user, reviewId);
    const image = await images.get(reviewId, imageId);
    if (!image) throw new NotFoundError(`No image with id "${imageId}" in review "${reviewId}"`);
    return { review, image };
  }

  /** A change readers may see (alt text, a removed photo) re-materialises a published review. */
  async function publicChange(review: Review): Promise<void> {
    await deps.onReviewChanged?.(review.id);
    if (review.status !== 'published') return;
    await queueReviewChanges(jobs, [review.slug]);
    await deps.afterQueued?.();
  }

  function checkAlt(alt: string): string {
    const trimmed = alt.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_ALT_LENGTH)
      throw new ValidationError('Invalid alt text', [
        { field: 'alt', message: `1 to ${MAX_ALT_LENGTH} characters describing the photo` },
      ]);
    return trimmed;
  }

  return {
    async create(user, reviewId, input) {
      await ownReview(user, reviewId);
      const errors = [];
      if (!isImageContentType(input.contentType))
        errors.push({ field: 'contentType', message: `one of ${IMAGE_CONTENT_TYPES.join(', ')}` });
      if (!Number.isInteger(input.size) || input.size < 1 || input.size > MAX_IMAGE_BYTES)
        errors.push({ field: 'size', message: `1 to ${MAX_IMAGE_BYTES} bytes` });
      if (errors.length > 0) throw new ValidationError('Invalid image', errors);
      const alt = checkAlt(input.alt);
      const now = clock.now();
      const id = `img_${randomBytes(8).toString('hex')}`;
      const key = uploadKey(reviewId, id);
      const expiresAt = new Date(now.getTime() + UPLOAD_TTL_MS);
      const contentType = input.contentType as ImageRecord['contentType'];
      let upload: UploadTarget;
      let uploadTokenHash: string | undefined;
      if (deps.uploadSigner) {
        upload = await deps.uploadSigner.presign({
          key,
          contentType,
          maxBytes: input.size,
          expiresInSeconds: UPLOAD_TTL_MS / 1000,
        });
      } else {
        // The local stand-in for a signed policy: a random token whose hash the record keeps.
        const token = randomBytes(24).toString('base64url');
        uploadTokenHash = sha256(token).toString('hex');
        upload = {
          url: `/uploads/${reviewId}/${id}`,
          fields: { key, 'Content-Type': contentType, token },
        };
      }
      const image: ImageRecord = {
        id,
        reviewId,
        ownerId: user.id,
        status: 'pending',
        filename: input.filename,
        contentType,
        size: input.size,
        alt,
        variants: [],
        exif: {},
        ...(uploadTokenHash ? { uploadTokenHash } : {}),
        uploadExpiresAt: expiresAt.toISOString(),
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        version: 1,
      };
      if (!(await images.put(image))) throw new ConflictError('The image id is taken; try again');
      return { image, upload };
    },

    async list(user, reviewId) {
      await ownReview(user, reviewId);
      return images.listByReview(reviewId);
    },

    async get(user, reviewId, imageId) {
      return (await ownImage(user, reviewId, imageId)).image;
    },

    async updateAlt(user, reviewId, imageId, alt) {
      const { review } = await ownImage(user, reviewId, imageId);
      const checked = checkAlt(alt);
      const updated = await updateImage(images, reviewId, imageId, (current) => ({
        ...current,
        alt: checked,
        updatedAt: clock.now().toISOString(),
      }));
      if (!updated) throw new NotFoundError(`No image with id "${imageId}"`);
      if (updated.status === 'ready') await publicChange(review);
      return updated;
    },

    async remove(user, reviewId, imageId) {
      const { review, image } = await ownImage(user, reviewId, imageId);
      await images.delete(reviewId, imageId);
      // Variant names hash the image id with the bytes, so no other image shares them.
      await blobs.delete(uploadKey(reviewId, imageId));
      for (const v of image.variants) await blobs.delete(`${IMAGE_VARIANT_PREFIX}${v.name}`);
      if (image.status === 'ready') await publicChange(review);
    },

    async complete(user, reviewId, imageId) {
      const { image } = await ownImage(user, reviewId, imageId);
      if (image.status !== 'pending')
        throw new ConflictError(`The image is ${image.status}: upload a new one instead`);
      const original = await blobs.head(uploadKey(reviewId, imageId));
      if (!original) throw new ConflictError('No file was uploaded for this image yet');
      await jobs.enqueue(imageProcessJob(reviewId, imageId));
      await deps.afterQueued?.();
      return (await images.get(reviewId, imageId)) ?? image;
    },

    async acceptUpload(reviewId, imageId, { fields, file }) {
      const denied = (why: string) => new ForbiddenError(`Upload refused: ${why}`);
      const image = await images.get(reviewId, imageId);
      if (!image?.uploadTokenHash) throw denied('no upload is waiting here');
      const token = fields.token ?? '';
      const expected = Buffer.from(image.uploadTokenHash, 'hex');
      if (!timingSafeEqual(sha256(token), expected)) throw denied('the token does not match');
      if (clock.now().toISOString() > image.uploadExpiresAt) throw denied('the policy expired');
      if (image.status !== 'pending') throw denied(`the image is already ${image.status}`);
      if (fields.key !== uploadKey(reviewId, imageId)) throw denied('the key is not the policy’s');
      if (fields['Content-Type'] !== image.contentType)
        throw denied(`Content-Type must be ${image.contentType}`);
      if (file.size < 1 || file.size > image.size || file.size > MAX_IMAGE_BYTES)
        throw new UploadTooLargeError(
          `The file has ${file.size} bytes; this upload allows 1 to ${image.size}`,
          [{ field: 'file', message: `1 to ${image.size} bytes` }],
        );
      await blobs.put(uploadKey(reviewId, imageId), file.bytes, {
        contentType: image.contentType,
      });
    },

    async variant(name) {
      if (!variantContentType(name)) return undefined;
      const blob = await blobs.get(`${IMAGE_VARIANT_PREFIX}${name}`);
      return blob && { ...blob, cacheControl: blob.cacheControl ?? IMMUTABLE_CACHE_CONTROL };
    },
  };
}
