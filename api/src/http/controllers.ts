import type { Services } from '../services/service-types.js';
import type { Controller } from './create-app.js';
import { adminCountersRoutes } from './routes/admin-counters.js';
import { apiKeysRoutes } from './routes/api-keys.js';
import { authRoutes } from './routes/auth.js';
import { contentRoutes } from './routes/content.js';
import { imageFilesRoutes, imagesRoutes } from './routes/images.js';
import { jobsRoutes } from './routes/jobs.js';
import { meRoutes } from './routes/me.js';
import { openApiRoutes } from './routes/openapi.js';
import { operationsRoutes } from './routes/operations.js';
import { pagesRoutes } from './routes/pages.js';
import { previewRoutes } from './routes/preview.js';
import { reviewRenderRoutes } from './routes/review-render.js';
import { reviewsRoutes } from './routes/reviews.js';
import { usersRoutes } from './routes/users.js';
import { visitsRoutes } from './routes/visits.js';

/**
 * Every controller by name, for a process that serves the whole API (the local server, tests,
 * the Postman generator). Lambda entries import their own routes instead, never this module.
 */
export const CONTROLLERS = {
  /** Health, `/docs` and `/openapi.json`, the document of whatever else the app mounts. */
  operations: (_services, options, app) => {
    const router = operationsRoutes(options);
    router.route('/', openApiRoutes(app));
    return router;
  },
  visits: visitsRoutes,
  auth: authRoutes,
  me: meRoutes,
  users: usersRoutes,
  apiKeys: apiKeysRoutes,
  content: contentRoutes,
  reviews: reviewsRoutes,
  images: imagesRoutes,
  /** Local only: the upload route standing in for S3 and the variants (CloudFront on AWS). */
  imageFiles: imageFilesRoutes,
  /** Markdown rendered as readers will see it, for the editor's live preview. */
  reviewRender: reviewRenderRoutes,
  /** Counters for the admins' console: history to chart, the public flag. */
  adminCounters: adminCountersRoutes,
  /** The job queue for the admins' console, where the process drains its own (local server). */
  jobs: (services, options) => jobsRoutes(services, options.jobQueue),
  /** The reader site: HTML pages, sitemap, feed and robots.txt over the content service. */
  pages: (services, options) => pagesRoutes(services, options),
  /** Draft preview links: a review's current text as readers will see it, never cached. */
  preview: (services, options) => previewRoutes(services, options),
} as const satisfies Record<string, Controller<Services>>;

export type ControllerName = keyof typeof CONTROLLERS;

/** The whole API, in mounting order. */
export const ALL_CONTROLLERS: readonly Controller<Services>[] = Object.values(CONTROLLERS);

/** The named controllers, in the order given. */
export function controllersNamed(names: readonly ControllerName[]): Controller<Services>[] {
  return names.map((name) => CONTROLLERS[name]);
}
