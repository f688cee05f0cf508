import { handle } from 'hono/aws-lambda';
import { getConnInfo } from 'hono/aws-lambda';
import type { Context as HonoContext } from 'hono';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { stageFromInvokedArn, type AliasStage } from './stage-from-arn.js';
import { createApp, type Controller } from '../http/create-app.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ServiceOptions, Stores } from '../services/service-types.js';
import { createLogger } from '../adapters/logging/pino-logger.js';

/**
 * What one Lambda function serves: its controllers and the services they need, built from the
 * stores. Each entry point names its own, so its bundle holds only that code.
 */
export interface LambdaFunction<S> {
  controllers: readonly Controller<S>[];
  services(stores: Stores, clock: Clock, options: ServiceOptions): S;
}

export interface LambdaHandlerOptions<S> {
  /** Opens the stores once per stage and Lambda instance (the first invocation of that stage). */
  openStores: (config: Config) => Promise<Stores>;
  /** Adjusts the services before the app is built; tests use it, entry points do not. */
  services?: (services: S) => S;
  env?: Record<string, string | undefined>;
  clock?: Clock;
  logger?: Logger;
}

type Handler = ReturnType<typeof handle>;

export { stageFromInvokedArn } from './stage-from-arn.js';

/**
 * A Lambda handler serving one function's controllers through `hono/aws-lambda`, which accepts API
 * Gateway REST (v1) and HTTP API (v2) proxy events alike. One function serves every stage through
 * its aliases (`dev`, `pre`, `pro`), so the stage comes from the invoked alias on each invocation
 * and one app (config, stores, services) is built per stage on its first invocation and reused
 * while the instance lives.
 */
export function createLambdaHandler<S>(
  fn: LambdaFunction<S>,
  options: LambdaHandlerOptions<S>,
): Handler {
  const ready = new Map<string, Promise<Handler>>();

  function configFor(aliasStage: AliasStage | undefined): Config {
    const env = options.env ?? process.env;
    // The environment is checked as it is first, so a broken deployment fails whatever the alias.
    const base = loadConfig(env);
    if (aliasStage === undefined || aliasStage === base.stage) return base;
    return loadConfig({ ...env, SHUTTER_STAGE: aliasStage });
  }

  async function build(config: Config): Promise<Handler> {
    const logger = options.logger ?? createLogger(config.logLevel);
    const stores = await options.openStores(config);
    const base = fn.services(stores, options.clock ?? systemClock, {
      stage: config.stage,
      revisionsKept: config.revisionsKept,
    });
    const services = options.services ? options.services(base) : base;
    const app = createApp(services, {
      logger,
      controllers: fn.controllers,
      corsOrigins: config.corsOrigins,
      consoleOrigins: config.consoleOrigins,
      bodyLimitBytes: config.bodyLimitBytes,
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      clientIp: (c: HonoContext) => getConnInfo(c).remote.address,
    });
    return handle(app);
  }

  return (async (event: Parameters<Handler>[0], context: Parameters<Handler>[1]) => {
    let config: Config;
    try {
      config = configFor(stageFromInvokedArn(context?.invokedFunctionArn));
    } catch (error) {
      // Fail the invocation loudly with the reason in the logs; no request can be served.
      if (error instanceof ConfigError) console.error(error.message);
      throw error;
    }
    let app = ready.get(config.stage);
    if (!app) {
      app = build(config).catch((error: unknown) => {
        ready.delete(config.stage); // let the next invocation retry a failed cold start
        throw error;
      });
      ready.set(config.stage, app);
    }
    return (await app)(event, context);
  }) as Handler;
}
