import type { Context } from 'hono';
import { createApp } from '../../src/http/create-app.js';
import {
  ALL_CONTROLLERS,
  controllersNamed,
  type ControllerName,
} from '../../src/http/controllers.js';
import { createServices, type Services, type Stores } from '../../src/services/create-services.js';
import {
  createInProcessContentWorker,
  type InProcessContentWorker,
} from '../../src/services/content-pipeline/in-process-worker.js';
import { createTestClock, type TestClock } from './clock.js';
import { assertDocumentedResponse } from './openapi-contract.js';
import { createCapturingLogger, type CapturingLogger } from './silent-logger.js';
import { httpStoreFactory, type StoreFactory } from './store-factories.js';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  services: Services;
  stores: Stores;
  clock: TestClock;
  logger: CapturingLogger;
  /** The content pipeline's worker; every review write has drained it before it returns. */
  contentWorker: InProcessContentWorker;
  /**
   * Materialises what was written to the stores directly (demo data, seeds): reconciles the public
   * store with the review store and runs the jobs, as a start of the local server does.
   */
  materialise(): Promise<void>;
  /** Creates an API key and returns its secret. */
  createKey(
    scope: string | string[],
    rate?: { perSecond?: number; burst?: number },
  ): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  controllers?: ControllerName[];
  corsOrigins?: string[];
  /** CORS origins of the console routes; none by default, as in production. */
  consoleOrigins?: string[];
  bodyLimitBytes?: number;
  /** Change the services before the app is built (e.g. swap the current-user resolver). */
  services?: (services: Services) => Services;
  /** Run on this store instead of the one `SHUTTER_TEST_STORE` names. */
  store?: StoreFactory;
  /**
   * Run the job queue on the test clock rather than the system's, so that moving the clock makes
   * delayed jobs (a scheduled publish) due. A failed job then waits for the clock to retry.
   */
  queueOnTestClock?: boolean;
}

/**
 * Makes `app.request()` check every response against the OpenAPI document (documented status,
 * media type and body schema), so each HTTP suite is also a contract test of the document.
 */
function validateResponses(app: TestApp['app']): void {
  const request = app.request.bind(app);
  app.request = (async (...args: Parameters<typeof request>) => {
    const [input, init] = args;
    const response = await request(...args);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const url = input instanceof Request ? input.url : String(input);
    await assertDocumentedResponse(method, url, response);
    return response;
  }) as typeof app.request;
}

/** The real app on the HTTP test store (SQLite by default), driven through `app.request()`. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = createTestClock();
  const stores = await (options.store ?? httpStoreFactory()).create(
    options.queueOnTestClock ? clock : undefined,
  );
  const logger = createCapturingLogger();
  // A write returns once its content jobs have run, so a test reads its own writes at once; the
  // queue, the handlers and the public store are the real ones.
  const late: { contentWorker?: InProcessContentWorker } = {};
  const base = createServices(stores, clock, {
    afterContentQueued: () => late.contentWorker?.drain(),
  });
  const services = options.services ? options.services(base) : base;
  const contentWorker = (late.contentWorker = createInProcessContentWorker(
    stores,
    clock,
    logger,
    services.content,
    { indexDelayMs: 0 },
  ));
  const app = createApp(services, {
    logger,
    corsOrigins: options.corsOrigins ?? ['*'],
    ...(options.consoleOrigins ? { consoleOrigins: options.consoleOrigins } : {}),
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
    // app.request() has no socket: tests name the client with a header.
    clientIp: (c: Context) => c.req.header('x-test-client-ip') ?? '203.0.113.1',
    controllers: options.controllers ? controllersNamed(options.controllers) : ALL_CONTROLLERS,
    // As the local server does: the admins' console reads the queue the worker drains.
    ...(stores.jobConsumer ? { jobQueue: stores.jobConsumer } : {}),
  });
  validateResponses(app);
  return {
    app,
    services,
    stores,
    clock,
    logger,
    contentWorker,
    materialise: async () => {
      await contentWorker.pipeline.reconcile();
      await contentWorker.drain();
    },
    createKey: async (scope, rate) =>
      (
        await services.apiKeys.create({
          name: 'test',
          scope,
          rateLimit: rate ?? { perSecond: 1000, burst: 1000 },
        })
      ).key,
    close: () => stores.close(),
  };
}
