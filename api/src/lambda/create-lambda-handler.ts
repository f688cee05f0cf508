import { Hono, type Context as HonoContext } from 'hono';
import { getConnInfo, handle } from 'hono/aws-lambda';
import type { Context as LambdaContext } from 'aws-lambda';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { UnavailableError } from '../domain/errors.js';
import type { AppEnv, AppOptions } from '../http/app-env.js';
import { createApp, type Controller } from '../http/create-app.js';
import type { ExternalPathEnv } from '../http/location.js';
import { HttpProblemError } from '../http/problem.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ServiceOptions, Stores } from '../services/service-types.js';
import { createJsonLineLogger } from '../adapters/logging/json-line-logger.js';
import {
  readableParts,
  readGatewayEvent,
  type GatewayEvent,
  type ReadEvent,
} from './gateway-event.js';
import { cdnRequestOf, ORIGIN_SECRET_HEADER, type CdnRequest } from './cdn-origin.js';
import { stageFromInvokedArn, type AliasStage } from './stage-from-arn.js';

/**
 * What one Lambda function serves: its controllers and the services they need, built from the
 * stores. Each entry point names its own, so its bundle holds only that code.
 */
export interface LambdaFunction<S, St extends FunctionStores = Stores> {
  controllers: readonly Controller<S>[];
  /** Builds the services from the stores the function opens (`St`: only those it uses). */
  services(stores: St, clock: Clock, options: ServiceOptions): S;
}

/** What the handler itself needs of any function's stores. */
export type FunctionStores = Pick<Stores, 'close'>;

export interface LambdaHandlerOptions<S, St extends FunctionStores = Stores> {
  /** Opens the stores once per stage and Lambda instance (the first invocation of that stage). */
  openStores: (config: Config) => Promise<St>;
  /** Adjusts the services before the app is built; tests use it, entry points do not. */
  services?: (services: S) => S;
  env?: Record<string, string | undefined>;
  clock?: Clock;
  logger?: Logger;
  /**
   * The secret CloudFront's origin requests carry (`origin-secret.ts`, SSM), for a function the
   * distribution sends readers to: a request presenting it is served with the viewer's address
   * (`CloudFront-Viewer-Address`) as its client address, and at the root (CloudFront's paths
   * have no stage). Left out, every request is taken as a direct one.
   */
  originSecret?: () => Promise<string | undefined>;
}

type Handler = ReturnType<typeof handle>;
type LambdaResult = Awaited<ReturnType<Handler>>;
type Fetch = (request: Request, env: object) => Response | Promise<Response>;

/** Why a request is refused: what the refusal app logs (under the request id) and throws. */
interface Refusal {
  error: unknown;
  level: 'warn' | 'error';
  fields: object;
  msg: string;
}

interface RefusalEnv {
  refusal?: Refusal;
}

/** What the handler adds to the Hono env of a request that came through CloudFront. */
interface CdnEnv {
  cdnViewerAddress?: string;
}

/** A header of the event by lower-case name (REST events keep the client's case). */
function eventHeader(event: GatewayEvent, name: string): string | undefined {
  const headers = (event as { headers?: Record<string, string | undefined> | null }).headers;
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}

/** The event without the origin secret, so no part of the app can ever see or echo it. */
function withoutOriginSecret<E extends GatewayEvent>(event: E): E {
  const drop = (headers: object | null | undefined) =>
    headers &&
    Object.fromEntries(
      Object.entries(headers).filter(([key]) => key.toLowerCase() !== ORIGIN_SECRET_HEADER),
    );
  const e = event as { headers?: object | null; multiValueHeaders?: object | null };
  return {
    ...event,
    ...(e.headers ? { headers: drop(e.headers) } : {}),
    ...(e.multiValueHeaders ? { multiValueHeaders: drop(e.multiValueHeaders) } : {}),
  };
}

export { stageFromInvokedArn } from './stage-from-arn.js';

/** Answers every request by throwing the refusal it was given, through the app's error handler. */
const refuseEverything: Controller<undefined> = () => {
  const router = new Hono<AppEnv>();
  router.all('*', (c) => {
    const refusal = (c.env as RefusalEnv).refusal!;
    c.get('logger')[refusal.level](refusal.fields, refusal.msg);
    throw refusal.error;
  });
  return router;
};

/** One stage's logger and app options: fixed by its config, needed even when no app opened. */
interface StageSetup {
  logger: Logger;
  appOptions: AppOptions;
  /** An app with the stage's middleware (request id, CORS, log line) that only refuses. */
  refusals: () => Fetch;
}

/**
 * Serves a read event through `fetch` with `hono/aws-lambda`, the external base path in the env
 * (`locationOf`). `undefined` when the adapter could not turn the event into a Request: it then
 * answers a bare text/plain 400 of its own, which we do not pass on.
 */
async function serve(
  fetch: Fetch,
  read: ReadEvent,
  context: LambdaContext | undefined,
  extraEnv: object = {},
): Promise<LambdaResult | undefined> {
  let reached = false;
  const app = {
    fetch: (request: Request, env: object) => {
      reached = true;
      const external: ExternalPathEnv = { externalBasePath: read.externalBasePath };
      return fetch(request, { ...env, ...external, ...extraEnv });
    },
  } as unknown as Hono;
  const result = await handle(app)(read.event as never, context);
  return reached ? result : undefined;
}

/**
 * A Lambda handler serving one function's controllers through `hono/aws-lambda`, which accepts API
 * Gateway REST (v1) and HTTP API (v2) proxy events alike. One function serves every stage through
 * its aliases (`dev`, `pre`, `pro`), so the stage comes from the invoked alias on each invocation
 * and one app (config, stores, services) is built per stage on its first invocation and reused
 * while the instance lives.
 *
 * Every answer is the app's: an event is first made servable (`readGatewayEvent`: a GET body
 * dropped, stage and base path taken off the path); one the adapter still cannot read, and a cold
 * start that failed, are answered by an app with the same middleware that throws a 400 or 503,
 * so they too are problem+json with CORS, a request id and a log line. Only a broken deployment
 * (configuration, alias) fails the invocation itself, loudly.
 */
export function createLambdaHandler<S, St extends FunctionStores = Stores>(
  fn: LambdaFunction<S, St>,
  options: LambdaHandlerOptions<S, St>,
): Handler {
  const ready = new Map<string, Promise<Fetch>>();
  const setups = new Map<string, StageSetup>();

  // A function's environment does not change while it runs: each alias's configuration is read
  // once, not on every invocation (a failure is not kept, so it is thrown again each time).
  const configs = new Map<AliasStage | undefined, Config>();
  function configFor(aliasStage: AliasStage | undefined): Config {
    let config = configs.get(aliasStage);
    if (config) return config;
    const env = options.env ?? process.env;
    // The environment is checked as it is first, so a broken deployment fails whatever the alias.
    const base = loadConfig(env);
    config =
      aliasStage === undefined || aliasStage === base.stage
        ? base
        : loadConfig({ ...env, SHUTTER_STAGE: aliasStage });
    configs.set(aliasStage, config);
    return config;
  }

  function setupFor(config: Config): StageSetup {
    let setup = setups.get(config.stage);
    if (setup) return setup;
    // Synchronous writes: Lambda may freeze the instance as soon as the invocation returns, and
    // a line still queued for an asynchronous write would be lost (or written invocations later).
    const logger = options.logger ?? createJsonLineLogger(config.logLevel);
    const appOptions: AppOptions = {
      logger,
      corsOrigins: config.corsOrigins,
      consoleOrigins: config.consoleOrigins,
      bodyLimitBytes: config.bodyLimitBytes,
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      // Through CloudFront the connection is CloudFront's: the viewer's address, when vouched for.
      clientIp: (c: HonoContext) =>
        (c.env as CdnEnv).cdnViewerAddress ?? getConnInfo(c).remote.address,
    };
    let refusals: Fetch | undefined;
    setup = {
      logger,
      appOptions,
      refusals: () => {
        refusals ??= createApp<undefined>(undefined, {
          ...appOptions,
          controllers: [refuseEverything],
        }).fetch;
        return refusals;
      },
    };
    setups.set(config.stage, setup);
    return setup;
  }

  async function build(config: Config, setup: StageSetup): Promise<Fetch> {
    const stores = await options.openStores(config);
    const base = fn.services(stores, options.clock ?? systemClock, { stage: config.stage });
    const services = options.services ? options.services(base) : base;
    return createApp(services, { ...setup.appOptions, controllers: fn.controllers }).fetch;
  }

  async function refuse(
    setup: StageSetup,
    read: ReadEvent,
    context: LambdaContext | undefined,
    refusal: Refusal,
  ): Promise<LambdaResult> {
    const parts = readableParts(read.event);
    const readable = { event: parts.event, externalBasePath: read.externalBasePath };
    const env: RefusalEnv = { refusal };
    const result = await serve(setup.refusals(), readable, context, env);
    if (result) return result;
    // Not even the readable parts made a Request: nothing of ours can answer. Never seen; logged.
    setup.logger.error(
      { ...refusal.fields, dropped: parts.dropped },
      'API Gateway event unreadable even stripped',
    );
    return (await handle(setup.refusals() as unknown as Hono)(parts.event as never, context))!;
  }

  return (async (event: GatewayEvent, context: LambdaContext | undefined) => {
    let config: Config;
    try {
      config = configFor(stageFromInvokedArn(context?.invokedFunctionArn));
    } catch (error) {
      // Fail the invocation loudly with the reason in the logs; no request can be served.
      if (error instanceof ConfigError) console.error(error.message);
      throw error;
    }
    const setup = setupFor(config);
    // On a cold start the origin secret's round trip to SSM runs while the app is built.
    const originSecret = options.originSecret?.();
    let app = ready.get(config.stage);
    if (!app) {
      app = build(config, setup).catch((error: unknown) => {
        ready.delete(config.stage); // let the next invocation retry a failed cold start
        throw error;
      });
      ready.set(config.stage, app);
    }
    let cdn: CdnRequest | undefined;
    if (originSecret) {
      cdn = cdnRequestOf((name) => eventHeader(event, name), await originSecret);
      event = withoutOriginSecret(event);
    }
    const parsed = readGatewayEvent(event, config.basePath);
    // CloudFront calls `/{stage}/…` (its origin path) for the viewer's `/…`: links and
    // `Location`s are the viewer's, at the root.
    const read: ReadEvent = cdn ? { ...parsed, externalBasePath: '' } : parsed;
    const cdnEnv: CdnEnv = cdn?.viewerAddress ? { cdnViewerAddress: cdn.viewerAddress } : {};
    let fetch: Fetch;
    try {
      fetch = await app;
    } catch (error) {
      if (error instanceof ConfigError) {
        console.error(error.message);
        throw error;
      }
      return refuse(setup, read, context, {
        error: new UnavailableError(
          'The service is starting up or cannot reach its storage; retry shortly',
        ),
        level: 'error',
        fields: {
          err:
            error instanceof Error
              ? { name: error.name, message: error.message, stack: error.stack }
              : String(error),
        },
        msg: 'cold start failed: answering 503 and retrying at the next invocation',
      });
    }

    const result = await serve(fetch, read, context, cdnEnv);
    if (result) return result;
    // hono/aws-lambda could not make a Request of the event (and said why on stderr).
    return refuse(setup, read, context, {
      error: new HttpProblemError(
        400,
        'bad-request',
        'Bad request',
        'The request could not be read (an invalid header, method or path)',
      ),
      level: 'warn',
      fields: { dropped: readableParts(read.event).dropped },
      msg: 'API Gateway event not readable as a request: answering 400',
    });
  }) as Handler;
}
