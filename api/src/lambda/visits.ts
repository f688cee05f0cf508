import { visitsRoutes } from '../http/routes/visits.js';
import type { VisitServices } from '../services/service-types.js';
import { createVisitServices } from '../services/visit-services.js';
import { createLambdaHandler, type LambdaFunction } from './create-lambda-handler.js';
import { openLambdaStores } from './open-lambda-stores.js';
import { createOriginSecretReader, warnOriginSecret } from './origin-secret.js';

/** The visitor counter. */
export const visitsFunction: LambdaFunction<VisitServices> = {
  controllers: [visitsRoutes],
  services: createVisitServices,
};

// Readers' visits come through CloudFront: the origin secret vouches for the viewer's address,
// which unique visitors (a hash of address and agent) and per-address limits need.
export const handler = createLambdaHandler(visitsFunction, {
  openStores: openLambdaStores,
  originSecret: createOriginSecretReader({ onError: warnOriginSecret }),
});
