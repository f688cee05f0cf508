import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, AppOptions } from './app-env.js';
import { createAllowedMethods } from './method-not-allowed.js';
import { corsHeaders } from './middleware/cors-headers.js';
import { limitBody } from './middleware/limit-body.js';
import { requestContext } from './middleware/request-context.js';
import { HttpProblemError, problemResponse } from './problem.js';

/**
 * A controller: one sub-app built from the services it needs. `app` is the app it is mounted on,
 * for the one controller that describes the others (the OpenAPI document).
 */
export type Controller<S> = (
  services: S,
  options: AppOptions,
  app: OpenAPIHono<AppEnv>,
) => OpenAPIHono<AppEnv>;

export interface CreateAppOptions<S> extends AppOptions {
  /**
   * The controllers to mount: all of them locally (`ALL_CONTROLLERS`), one group per Lambda. This
   * module imports none itself, so a Lambda bundle holds only the routes it serves.
   */
  controllers: readonly NoInfer<Controller<S>>[];
}

/**
 * Builds the runtime-agnostic Hono app: the same object serves node, Lambda and `app.request()`
 * in tests. Every error, thrown anywhere, leaves through one handler as problem+json.
 */
export function createApp<S>(services: S, options: CreateAppOptions<S>): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();

  app.use(requestContext(options.logger));
  app.use(
    corsHeaders({
      origins: options.corsOrigins,
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
      maxAgeSeconds: 600,
    }),
  );
  app.use(limitBody(options.bodyLimitBytes));

  for (const controller of options.controllers) app.route('/', controller(services, options, app));

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
