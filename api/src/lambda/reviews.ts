import { reviewsRoutes } from '../http/routes/reviews.js';
import { createReviewServices } from '../services/review-services.js';
import type { ReviewServices } from '../services/service-types.js';
import { createLambdaHandler, type LambdaFunction } from './create-lambda-handler.js';
import { createLambdaSecretProvider } from './lambda-secrets.js';
import { openLambdaStores } from './open-lambda-stores.js';

/**
 * The editors' reviews. Publishing notifies no read model here: the content function rebuilds
 * its own when it sees the content version change.
 */
export const reviewsFunction: LambdaFunction<ReviewServices> = {
  controllers: [reviewsRoutes],
  services: createReviewServices,
};

export const handler = createLambdaHandler(reviewsFunction, {
  openStores: (config) => openLambdaStores(config, createLambdaSecretProvider),
});
