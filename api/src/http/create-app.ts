import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import type { AppEnv, AppOptions, AppServices } from './app-env.js';
import { createAllowedMethods } from './method-not-allowed.js';
import { limitBody } from './middleware/limit-body.js';
import { requestContext } from './middleware/request-context.js';
import { openApiRoutes } from './routes/openapi.js';
import { operationsRoutes } from './routes/operations.js';
import { visitsRoutes } from './routes/visits.js';
import { apiKeysRoutes } from './routes/api-keys.js';
import { authRoutes } from './routes/auth.js';
import { meRoutes } from './routes/me.js';
import { usersRoutes } from './routes/users.js';
import { contentRoutes } from './routes/content.js';
import { reviewsRoutes } from './routes/reviews.js';
import { HttpProblemError, problemResponse } from './problem.js';

/** The controllers, each a sub-app of its own so a Lambda can serve just one. */
export const CONTROLLERS = {
  operations: (_services: AppServices, options: AppOptions) => operationsRoutes(options),
  visits: visitsRoutes,
  auth: authRoutes,
  me: meRoutes,
  users: usersRoutes,
  apiKeys: apiKeysRoutes,
  content: contentRoutes,
  reviews: reviewsRoutes,
} as const;

export type ControllerName = keyof typeof CONTROLLERS;

export interface CreateAppOptions extends AppOptions {
  /** Which controllers to mount; all of them by default (the local server). */
  controllers?: readonly ControllerName[];
}

/**
 * Builds the runtime-agnostic Hono app: the same object serves node, Lambda and `app.request()`
 * in tests. Every error, thrown anywhere, leaves through one handler as problem+json.
 */
export function createApp(services: AppServices, options: CreateAppOptions): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const names = options.controllers ?? (Object.keys(CONTROLLERS) as ControllerName[]);

  app.use(requestContext(options.logger));
  app.use(
    cors({
      origin: options.corsOrigins.includes('*') ? '*' : [...options.corsOrigins],
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: [
        'Content-Type',
        'Authorization',
        'x-api-key',
        'If-Match',
        'If-None-Match',
        'x-request-id',
      ],
      exposeHeaders: ['ETag', 'Location', 'Retry-After', 'x-request-id'],
      maxAge: 600,
    }),
  );
  app.use(limitBody(options.bodyLimitBytes));

  for (const name of names) app.route('/', CONTROLLERS[name](services, options));
  if (names.includes('operations')) app.route('/', openApiRoutes(app));

  const allowedMethods = createAllowedMethods(app.routes);
  app.notFound((c) => {
    const allowed = allowedMethods(c.req.path);
    const error =
      allowed.length > 0
        ? new HttpProblemError(
            405,
            'method-not-allowed',
            'Method not allowed',
            `${c.req.method} is not allowed on ${c.req.path}`,
            {
              Allow: allowed.join(', '),
            },
          )
        : new HttpProblemError(
            404,
            'not-found',
            'Not found',
            `No route for ${c.req.method} ${c.req.path}`,
          );
    return problemResponse(c, error).response;
  });

  app.onError((error, c) => {
    const { response, internal } = problemResponse(c, error);
    if (internal) {
      const log = c.get('logger') ?? options.logger;
      log.error(
        {
          err:
            error instanceof Error
              ? { name: error.name, message: error.message, stack: error.stack }
              : String(error),
        },
        'unhandled error',
      );
    }
    return response;
  });

  return app;
}
