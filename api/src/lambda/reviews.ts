import { imagesRoutes } from '../http/routes/images.js';
import { reviewsRoutes } from '../http/routes/reviews.js';
import { createDynamoDbIdempotencyStore } from '../adapters/dynamodb/dynamodb-idempotency-store.js';
import { createDynamoDbImageStore } from '../adapters/dynamodb/dynamodb-image-store.js';
import { createDynamoDbPreviewStore } from '../adapters/dynamodb/dynamodb-preview-store.js';
import { createDynamoDbReviewStore } from '../adapters/dynamodb/dynamodb-review-store.js';
import { createDynamoDbRevisionStore } from '../adapters/dynamodb/dynamodb-revision-store.js';
import { createDynamoDbUserStore } from '../adapters/dynamodb/dynamodb-user-store.js';
import { createReviewServices, type ReviewStores } from '../services/review-services.js';
import type { ReviewServices, Stores } from '../services/service-types.js';
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
export const reviewsFunction: LambdaFunction<ReviewServices, ReviewStores & Pick<Stores, 'close'>> =
  {
    controllers: [reviewsRoutes, imagesRoutes],
    services: createReviewServices,
  };

export const handler = createLambdaHandler(reviewsFunction, {
  openStores: (config) =>
    openLambdaStores(
      config,
      {
        reviews: createDynamoDbReviewStore,
        revisions: createDynamoDbRevisionStore,
        idempotency: createDynamoDbIdempotencyStore,
        previews: createDynamoDbPreviewStore,
        images: createDynamoDbImageStore,
        // The bearer token's user: still active, still this role.
        users: createDynamoDbUserStore,
      },
      createLambdaSecretProvider,
      {
        jobs: contentJobQueue,
        // The originals (checked once uploaded, deleted with their image) and the variants
        // (deleted with their image); the worker writes the variants.
        blobs: contentBucket,
        uploadSigner: contentUploads,
      },
    ),
});
