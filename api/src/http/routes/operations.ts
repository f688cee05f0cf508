import type { AppOptions } from '../app-env.js';
import { createRouter } from '../validation.js';
import { docsRoutes } from './docs.js';
import { healthRoutes } from './health.js';

/** The operations controller: liveness and the interactive API reference. */
export function operationsRoutes(options: AppOptions) {
  const router = createRouter();
  router.route('/', healthRoutes(options));
  router.route('/', docsRoutes());
  return router;
}
