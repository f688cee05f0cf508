import {
  Hono,
  type Context,
  type Env,
  type MiddlewareHandler,
  type Schema as RouteSchema,
} from 'hono';
import { mergePath } from 'hono/utils/url';
import { getCookie } from 'hono/cookie';
import { validator } from 'hono/validator';
import { $ZodAsyncError, config, safeParse, safeParseAsync, type $ZodError } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';
import type { AppEnv } from './app-env.js';
import { requestHeader } from './middleware/node-message.js';
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
  | { type: 'route'; route: RouteConfig; bodyLimitBytes?: number }
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

/** A request part without a body: where it is read from, and its schema. */
interface Part {
  target: 'query' | 'param' | 'header' | 'cookie';
  schema: Schema;
  read(c: Context<AppEnv>): unknown;
}
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
    { middleware, hide, bodyLimitBytes, ...route }: R,
    handler: RouteHandler<R>,
  ): this => {
    if (!hide) {
      this.records.push({
        type: 'route',
        route: route as RouteConfig,
        ...(bodyLimitBytes !== undefined ? { bodyLimitBytes } : {}),
      });
    }
    const request = route.request;
    const parts = [
      ...(request?.query ? [this.part('query', request.query)] : []),
      ...(request?.params ? [this.part('param', request.params)] : []),
      ...(request?.headers && isSchema(request.headers)
        ? [this.part('header', request.headers)]
        : []),
      ...(request?.cookies ? [this.part('cookie', request.cookies)] : []),
    ];
    const validators: MiddlewareHandler<AppEnv>[] = [
      ...(parts.length > 0 ? [this.validateParts(parts)] : []),
      ...this.bodyValidators(request?.body),
    ];
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

  /**
   * How one request part is read and checked. Headers are read by name, the schema's names only,
   * from node's parsed message where there is one (`requestHeader`): hono's validator hands over
   * every header, which builds a web `Headers` of them all on node, and a header schema is an
   * object that drops what it does not name anyway.
   */
  private part(target: 'query' | 'param' | 'header' | 'cookie', schema: Schema): Part {
    switch (target) {
      case 'query':
        return {
          target,
          schema,
          read: (c) =>
            Object.fromEntries(
              Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v]),
            ),
        };
      case 'param':
        return { target, schema, read: (c) => c.req.param() };
      case 'cookie':
        return { target, schema, read: (c) => getCookie(c) };
      case 'header': {
        // Header names arrive lower-cased; a schema may spell them otherwise (`If-Match`).
        const names = Object.keys((schema._zod.def as { shape?: object }).shape ?? {}).map(
          (key) => [key.toLowerCase(), key] as const,
        );
        return {
          target,
          schema,
          read: (c) => {
            const headers: Record<string, string> = {};
            for (const [lower, key] of names) {
              const value = requestHeader(c, lower);
              if (value !== undefined) headers[key] = value;
            }
            return headers;
          },
        };
      }
    }
  }

  /** One middleware for every part without a body, checked in hono's order (query first). */
  private validateParts(parts: Part[]): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      for (const { target, schema, read } of parts) {
        c.req.addValidatedData(target, await this.check(target, schema, read(c)));
      }
      await next();
    };
  }

  /** The schema's output for `value`, or the failure hook; synchronous unless the schema is not. */
  private async check(target: ValidationTarget, schema: Schema, value: unknown): Promise<object> {
    let result;
    try {
      result = safeParse(schema, value);
    } catch (error) {
      if (!(error instanceof $ZodAsyncError)) throw error;
      result = await safeParseAsync(schema, value);
    }
    if (!result.success) this.onInvalid({ target, error: result.error });
    return result.data as object;
  }

  private validate(target: 'json' | 'form', schema: Schema): MiddlewareHandler<AppEnv> {
    return validator(target, (value) => this.check(target, schema, value) as never);
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
        const contentType = requestHeader(c, 'content-type');
        if (contentType !== undefined && sent.test(contentType)) return check(c, next);
        c.req.addValidatedData(target, {});
        await next();
      });
    }
    return validators;
  }
}
