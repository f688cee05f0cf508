import type { Router } from './router.js';
import type { Context, Hono } from 'hono';
import type { AppEnv, AppOptions } from './app-env.js';
import { createAllowedMethods } from './method-not-allowed.js';
import { corsPolicy, corsPolicyByPath } from './middleware/cors-headers.js';
import { frontDoor } from './middleware/front-door.js';
import { bodyRulesOf, type BodyRules } from './middleware/json-body.js';
import { requestContext } from './middleware/request-context.js';
import { createRouter } from './validation.js';
import { HttpProblemError, problemResponse } from './problem.js';
import { createStorageFailureLog } from './storage-failure-log.js';

/**
 * A controller: one sub-app built from the services it needs. `app` is the app it is mounted on,
 * for the one controller that describes the others (the OpenAPI document).
 */
export type Controller<S> = (services: S, options: AppOptions, app: Router) => Hono<AppEnv>;

export interface CreateAppOptions<S> extends AppOptions {
  /**
   * The controllers to mount: all of them locally (`ALL_CONTROLLERS`), one group per Lambda. This
   * module imports none itself, so a Lambda bundle holds only the routes it serves.
   */
  controllers: readonly NoInfer<Controller<S>>[];
}

/**
 * The routes that take credentials (sign-in, tokens, the editors' and admins' API): their CORS
 * is limited to `consoleOrigins`. Everything else (content, visits, health, the OpenAPI document,
 * /docs) follows `corsOrigins`, open by default.
 */
const CONSOLE_PATH = /^\/(?:auth|me|reviews|users|api-keys|counters|jobs)(?:\/|$)/;
const isConsolePath = (path: string) => CONSOLE_PATH.test(path);

/** Whether node's socket under this request is already closed (never so on Lambda or in tests). */
function clientGone(c: Context): boolean {
  const incoming = (c.env as { incoming?: { socket?: { destroyed?: boolean } } } | undefined)
    ?.incoming;
  return incoming?.socket?.destroyed === true;
}

/**
 * Builds the runtime-agnostic Hono app: the same object serves node, Lambda and `app.request()`
 * in tests. Every error, thrown anywhere, leaves through one handler as problem+json.
 */
export function createApp<S>(services: S, options: CreateAppOptions<S>): Router {
  const app = createRouter();

  // Two middlewares on every request: the request id and access line around everything (so it
  // sees the answer to an error thrown by any check), then every check before the routes.
  app.use(requestContext(options.logger));
  const cors = {
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
  };
  // Read from the routes once they are mounted, below; no request arrives before that.
  let bodyRules: BodyRules = () => undefined;
  app.use(
    frontDoor({
      ...(options.secureTransport ? { secureTransport: options.secureTransport } : {}),
      cors: corsPolicyByPath(
        isConsolePath,
        corsPolicy({ ...cors, origins: options.corsOrigins }),
        corsPolicy({ ...cors, origins: options.consoleOrigins ?? [] }),
      ),
      // A route may declare its own (photo uploads on the local server: up to 25 MB).
      bodyLimitBytes: options.bodyLimitBytes,
      bodyRules: () => bodyRules,
    }),
  );

  for (const controller of options.controllers) app.route('/', controller(services, options, app));
  bodyRules = bodyRulesOf(app.records);

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

  const logStorageFailure = createStorageFailureLog();
  app.onError((error, c) => {
    if (clientGone(c)) {
      // The connection closed under the request (node's parser refused the rest of the body, or
      // the client hung up): the client's doing, already logged by the server, and nobody is left
      // to read an answer. A warn line without a stack, and a 400 for the access log.
      (c.get('logger') ?? options.logger).warn(
        { err: error instanceof Error ? { name: error.name, message: error.message } : {} },
        'connection closed before the request was read',
      );
      return problemResponse(
        c,
        new HttpProblemError(400, 'bad-request', 'Bad request', 'The request could not be read'),
      ).response;
    }
    const { response, internal } = problemResponse(c, error);
    logStorageFailure(error, c.get('logger') ?? options.logger);
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
