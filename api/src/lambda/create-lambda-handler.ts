import { handle } from 'hono/aws-lambda';
import { getConnInfo } from 'hono/aws-lambda';
import type { Context as HonoContext } from 'hono';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createApp, type ControllerName } from '../http/create-app.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { createServices, type Services, type Stores } from '../services/create-services.js';
import { createLogger } from '../adapters/logging/pino-logger.js';

export interface LambdaHandlerOptions {
  /** Opens the stores once per Lambda instance (cold start). */
  openStores: (config: Config) => Promise<Stores>;
  /** Adjusts the services before the app is built; tests use it, entry points do not. */
  services?: (services: Services) => Services;
  env?: Record<string, string | undefined>;
  clock?: Clock;
  logger?: Logger;
}

type Handler = ReturnType<typeof handle>;

/**
 * A Lambda handler serving some controllers through `hono/aws-lambda`, which accepts API
 * Gateway REST (v1) and HTTP API (v2) proxy events alike. Stores and the app are built on the
 * first invocation and reused while the instance lives.
 */
export function createLambdaHandler(
  controllers: readonly ControllerName[],
  options: LambdaHandlerOptions,
): Handler {
  let ready: Promise<Handler> | undefined;

  async function build(): Promise<Handler> {
    let config: Config;
    try {
      config = loadConfig(options.env ?? process.env);
    } catch (error) {
      // Fail the invocation loudly with the reason in the logs; no request can be served.
      if (error instanceof ConfigError) console.error(error.message);
      throw error;
    }
    const logger = options.logger ?? createLogger(config.logLevel);
    const stores = await options.openStores(config);
    const base = createServices(stores, options.clock ?? systemClock, { stage: config.stage });
    const services = options.services ? options.services(base) : base;
    const app = createApp(services, {
      logger,
      controllers,
      corsOrigins: config.corsOrigins,
      bodyLimitBytes: config.bodyLimitBytes,
      clientIp: (c: HonoContext) => getConnInfo(c).remote.address,
    });
    return handle(app);
  }

  return (async (event: Parameters<Handler>[0], context: Parameters<Handler>[1]) => {
    ready ??= build().catch((error: unknown) => {
      ready = undefined; // let the next invocation retry a failed cold start
      throw error;
    });
    return (await ready)(event, context);
  }) as Handler;
}
