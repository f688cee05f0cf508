import { contentRoutes } from '../http/routes/content.js';
import { createContentServices } from '../services/content-services.js';
import type { ContentServices } from '../services/service-types.js';
import { createLambdaHandler, type LambdaFunction } from './create-lambda-handler.js';
import { openLambdaStores } from './open-lambda-stores.js';

/** The public, read-only content API. */
export const contentFunction: LambdaFunction<ContentServices> = {
  controllers: [contentRoutes],
  services: createContentServices,
};

export const handler = createLambdaHandler(contentFunction, { openStores: openLambdaStores });
