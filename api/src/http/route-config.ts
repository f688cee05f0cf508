import type { Handler, MiddlewareHandler } from 'hono';
import type * as core from 'zod/v4/core';
import type { AppEnv } from './app-env.js';

declare global {
  /**
   * `true` in a Lambda bundle, where esbuild defines it (`infra/lib/lambda-bundling.ts`), and
   * undeclared anywhere else. A route spreads its document-only fields behind it:
   * `...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && { summary, description, responses })`.
   * esbuild folds that test while it parses each module, so a Lambda bundle drops the text and,
   * since the api package is free of import side effects (`"sideEffects": false`), the modules of
   * response schemas and examples only that text names: a Lambda validates requests and never
   * serves the document. The test must be written out at each route: a constant imported from
   * elsewhere is folded too late to drop the imports it guards.
   */
  const SHUTTER_LAMBDA_BUNDLE: true | undefined;
}

/**
 * Any zod schema: zod/mini's (what the routes use: a few KB in a Lambda bundle where zod's
 * chaining API costs ~90 KB) or zod's classic one; both are built on zod's core.
 */
export type AnySchema = core.$ZodType;

/** An OpenAPI object written by hand (a header, an example, a non-zod schema). */
type OpenApiObject = Record<string, unknown>;

/** One media type of a body or a response: a zod schema, or an OpenAPI schema object. */
export interface MediaTypeConfig {
  schema: AnySchema | OpenApiObject;
  example?: unknown;
  examples?: Record<string, OpenApiObject>;
}

export interface ResponseConfig {
  description: string;
  headers?: Record<string, OpenApiObject>;
  content?: Record<string, MediaTypeConfig>;
}

export interface RequestConfig {
  params?: AnySchema;
  query?: AnySchema;
  headers?: AnySchema;
  cookies?: AnySchema;
  body?: { required?: boolean; description?: string; content: Record<string, MediaTypeConfig> };
}

/**
 * A route as `createRoute` declares it: what validates the request and, for the OpenAPI document
 * only, what describes it (the shape zod-to-openapi's `registerPath` takes).
 */
export interface RouteConfig {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';
  /** OpenAPI style: `/reviews/{id}`. */
  path: string;
  request?: RequestConfig;
  /** Document only (behind `DOCUMENTED`), like the fields below. */
  responses?: Record<number | string, ResponseConfig>;
  tags?: string[];
  summary?: string;
  description?: string;
  operationId?: string;
  deprecated?: boolean;
  security?: Record<string, string[]>[];
  /** Registered and validated but left out of the document. */
  hide?: boolean;
  /**
   * The largest body this operation takes, when it is not the app's general limit
   * (`SHUTTER_BODY_LIMIT`): the front door answers 413 past it (middleware/front-door.ts). Read,
   * like the body's media types, from the recorded routes: a hidden route has neither.
   */
  bodyLimitBytes?: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a route middleware's own env
  middleware?: MiddlewareHandler<any> | MiddlewareHandler<any>[];
}

/** `/reviews/{id}/x` → `/reviews/:id/x`, Hono's spelling, which types `c.req.param()`. */
export type HonoPath<P extends string> = P extends `${infer A}{${infer N}}${infer B}`
  ? `${A}:${N}${HonoPath<B>}`
  : P;

type Output<S> = S extends AnySchema ? core.output<S> : never;
type Input<S> = S extends AnySchema ? core.input<S> : never;

type BodySchema<R extends RouteConfig, Media> = R['request'] extends {
  body: { content: infer C };
}
  ? {
      [M in keyof C]: M extends Media ? (C[M] extends { schema: infer S } ? S : never) : never;
    }[keyof C]
  : never;

type JsonMedia = `application/json${string}` | `application/${string}+json${string}` | 'text/plain';
type FormMedia = `multipart/form-data${string}` | `application/x-www-form-urlencoded${string}`;

/** What a request part's validator hands the handler, by hono's target name. */
type Parts<R extends RouteConfig> = {
  param: NonNullable<R['request']>['params'];
  query: NonNullable<R['request']>['query'];
  header: NonNullable<R['request']>['headers'];
  cookie: NonNullable<R['request']>['cookies'];
  json: BodySchema<R, JsonMedia>;
  form: BodySchema<R, FormMedia>;
};

type Present<R extends RouteConfig> = {
  [
    K in keyof Parts<R> as [Parts<R>[K]] extends [never]
      ? never
      : Parts<R>[K] extends AnySchema
        ? K
        : never
  ]: Parts<R>[K];
};

/** Hono's `Input` of a route: `c.req.valid(target)` is the schema's output. */
export type RouteInput<R extends RouteConfig> = {
  in: { [K in keyof Present<R>]: Input<Present<R>[K]> };
  out: { [K in keyof Present<R>]: Output<Present<R>[K]> };
};

/** The handler of a route: its path parameters and validated parts typed from the declaration. */
export type RouteHandler<R extends RouteConfig> = Handler<
  AppEnv,
  HonoPath<R['path']>,
  RouteInput<R>
>;
