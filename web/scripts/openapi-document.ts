import { createMemoryStores } from '../../api/src/adapters/memory/create-memory-stores.js';
import { createLogger } from '../../api/src/adapters/logging/pino-logger.js';
import { createApp } from '../../api/src/http/create-app.js';
import { ALL_CONTROLLERS } from '../../api/src/http/controllers.js';
import { systemClock } from '../../api/src/ports/clock.js';
import { createServices } from '../../api/src/services/create-services.js';

/**
 * The OpenAPI document the local server serves at `/openapi.json`, built in this process from
 * the same routes (on memory stores: the document does not depend on the store), so that
 * generating the client needs no running server and no network.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const app = createApp(createServices(createMemoryStores(), systemClock), {
    controllers: ALL_CONTROLLERS,
    logger: createLogger('silent'),
    corsOrigins: ['*'],
    bodyLimitBytes: 1_048_576,
  });
  const res = await app.request('/openapi.json');
  if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}
