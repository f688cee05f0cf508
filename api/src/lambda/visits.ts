import { visitsRoutes } from '../http/routes/visits.js';
import type { VisitServices } from '../services/service-types.js';
import { createVisitServices } from '../services/visit-services.js';
import { createLambdaHandler, type LambdaFunction } from './create-lambda-handler.js';
import { openLambdaStores } from './open-lambda-stores.js';

/** The visitor counter. */
export const visitsFunction: LambdaFunction<VisitServices> = {
  controllers: [visitsRoutes],
  services: createVisitServices,
};

export const handler = createLambdaHandler(visitsFunction, { openStores: openLambdaStores });
