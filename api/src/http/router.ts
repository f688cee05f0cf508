import { Hono, type Env, type MiddlewareHandler, type Schema as RouteSchema } from 'hono';
import { mergePath } from 'hono/utils/url';
import { validator } from 'hono/validator';
import { config, safeParseAsync, type $ZodError } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';
import type { AppEnv } from './app-env.js';
import type { AnySchema, RouteConfig, RouteHandler } from './route-config.js';

// zod's English messages ("Too big: expected string to have <=40 characters"), which a 400's
// field errors show. Classic zod registers them when it loads; zod/mini does not, so a Lambda
// bundle without classic zod would answer a bare "Invalid input".
config(en());

export type { RouteConfig, RouteHandler } from './route-config.js';

/** Where a request part is validated, in hono's validator terms. */
export type ValidationTarget = 'param' | 'query' | 'header' | 'cookie' | 'json' | 'form';

/** A failed validation, as a router's hook receives it. */
export interface ValidationFailure {
  target: ValidationTarget;
  error: $ZodError;
}

/** What a router records for the OpenAPI document; built into one only where it is served. */
export type RouteRecord =
  | { type: 'route'; route: RouteConfig }
  | { type: 'component'; componentType: 'securitySchemes'; name: string; component: object };

/**
 * A route described once, for both sides: the zod schemas that validate it here and the OpenAPI
 * text of the document (the identity, there to infer the handler's types from the literal).
 */
export function createRoute<const R extends RouteConfig>(route: R): R {
  return route;
}

const JSON_MEDIA_TYPE = /^application\/([a-z-.]+\+)?json/i;
const FORM_MEDIA_TYPE = /^(multipart\/form-data|application\/x-www-form-urlencoded)/i;

type Schema = AnySchema;
const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && '_zod' in value;

/**
 * A Hono router whose routes are registered with their description (`createRoute`): each request
 * part the description names is validated before the handler runs, and the description is
 * recorded for the OpenAPI document. The same rules as `@hono/zod-openapi`, without its runtime
 * (zod-to-openapi and zod's whole classic API, ~500 KB in a Lambda bundle): the document is built
 * by the process that serves it (`openapi/build-openapi-document.ts`), never on Lambda.
 */
export class Router extends Hono<AppEnv> {
  /** The routes and components registered here and on the routers mounted here. */
  readonly records: RouteRecord[] = [];

  /**
   * @param onInvalid turns a validation failure into what the client gets (thrown or returned);
   *   the routers of this app throw the one 400 problem.
   */
  constructor(private readonly onInvalid: (failure: ValidationFailure) => never) {
    super();
  }

  /** Registers `route` (validation, then `handler`) and records it for the document. */
  openapi = <R extends RouteConfig>(
    { middleware, hide, ...route }: R,
    handler: RouteHandler<R>,
  ): this => {
    if (!hide) this.records.push({ type: 'route', route: route as RouteConfig });
    const request = route.request;
    const validators: MiddlewareHandler<AppEnv>[] = [];
    if (request?.query) validators.push(this.validate('query', request.query));
    if (request?.params) validators.push(this.validate('param', request.params));
    if (request?.headers && isSchema(request.headers)) {
      validators.push(this.validate('header', request.headers));
    }
    if (request?.cookies) validators.push(this.validate('cookie', request.cookies));
    validators.push(...this.bodyValidators(request?.body));
    const routeMiddleware = middleware === undefined ? [] : [middleware].flat();
    this.on(
      [route.method],
      [route.path.replaceAll(/\/{(.+?)}/g, '/:$1')],
      ...(routeMiddleware as MiddlewareHandler<AppEnv>[]),
      ...validators,
      handler as unknown as MiddlewareHandler<AppEnv>,
    );
    return this;
  };

  /** Records a component of the document (a security scheme) once per name. */
  registerComponent(componentType: 'securitySchemes', name: string, component: object): void {
    this.records.push({ type: 'component', componentType, name, component });
  }

  /** Mounts `app` as Hono does and, when it is a Router, takes its records under `path`. */
  override route<
    SubPath extends string,
    SubEnv extends Env,
    SubSchema extends RouteSchema,
    SubBasePath extends string,
  >(path: SubPath, app: Hono<SubEnv, SubSchema, SubBasePath>): this {
    super.route(path, app);
    if (app instanceof Router) {
      const prefix = path.replaceAll(/:([^/]+)/g, '{$1}');
      for (const record of app.records) {
        this.records.push(
          record.type === 'route'
            ? { ...record, route: { ...record.route, path: mergePath(prefix, record.route.path) } }
            : record,
        );
      }
    }
    return this;
  }

  private validate(target: ValidationTarget, schema: Schema): MiddlewareHandler<AppEnv> {
    // Header names arrive lower-cased; a schema may spell them otherwise (`If-Match`).
    const shape = target === 'header' ? (schema._zod.def as { shape?: object }).shape : undefined;
    const keymap = shape
      ? new Map(Object.keys(shape).map((key) => [key.toLowerCase(), key]))
      : undefined;
    return validator(target, async (value) => {
      const input = keymap
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>).map(([key, v]) => [
              keymap.get(key) ?? key,
              v,
            ]),
          )
        : value;
      const result = await safeParseAsync(schema, input);
      if (!result.success) this.onInvalid({ target, error: result.error });
      return result.data as never;
    });
  }

  /**
   * A body's validators: a JSON or form body is validated when it is sent (always, if the body is
   * required). A Content-Type the route does not declare never gets here: the app's gate
   * (`middleware/json-body.ts`) answered 415 naming the declared ones.
   */
  private bodyValidators(
    body: NonNullable<RouteConfig['request']>['body'],
  ): MiddlewareHandler<AppEnv>[] {
    const content = body?.content;
    if (!content) return [];
    const declared = Object.keys(content);
    const validators: MiddlewareHandler<AppEnv>[] = [];
    const schemaOf = (mediaType: string) =>
      (content[mediaType] as { schema?: unknown } | undefined)?.schema;
    const validates = (mediaType: string) =>
      isSchema(schemaOf(mediaType)) &&
      (JSON_MEDIA_TYPE.test(mediaType) || FORM_MEDIA_TYPE.test(mediaType));
    for (const mediaType of declared.filter(validates)) {
      const target = JSON_MEDIA_TYPE.test(mediaType) ? 'json' : 'form';
      const check = this.validate(target, schemaOf(mediaType) as Schema);
      if (body.required) {
        validators.push(check);
        continue;
      }
      const sent = target === 'json' ? JSON_MEDIA_TYPE : FORM_MEDIA_TYPE;
      validators.push(async (c, next) => {
        const contentType = c.req.header('content-type');
        if (contentType !== undefined && sent.test(contentType)) return check(c, next);
        c.req.addValidatedData(target, {});
        await next();
      });
    }
    return validators;
  }
}
