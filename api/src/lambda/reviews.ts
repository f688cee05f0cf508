import { imagesRoutes } from '../http/routes/images.js';
import { reviewsRoutes } from '../http/routes/reviews.js';
import { createReviewServices } from '../services/review-services.js';
import type { ReviewServices } from '../services/service-types.js';
import { createLambdaHandler, type LambdaFunction } from './create-lambda-handler.js';
import { createLambdaSecretProvider } from './lambda-secrets.js';
import { contentBucket } from './content-bucket.js';
import { contentJobQueue } from './content-job-queue.js';
import { contentUploads } from './content-uploads.js';
import { openLambdaStores } from './open-lambda-stores.js';

/**
 * The editors' reviews. A write that may change published content queues its slugs on SQS; the
 * worker function materialises them, and the content function sees the result. Photos are
 * uploaded straight to the content bucket with a presigned POST; the worker processes them.
 */
export const reviewsFunction: LambdaFunction<ReviewServices> = {
  controllers: [reviewsRoutes, imagesRoutes],
  services: createReviewServices,
};

export const handler = createLambdaHandler(reviewsFunction, {
  openStores: (config) =>
    openLambdaStores(config, createLambdaSecretProvider, {
      jobs: contentJobQueue,
      // The originals (checked once uploaded, deleted with their image) and the variants
      // (deleted with their image); the worker writes the variants.
      blobs: contentBucket,
      uploadSigner: contentUploads,
    }),
});
