// `npm run postman`: writes the Postman collection of the API, generated from the OpenAPI
// document the server serves, to test-artifacts/ (or the path given with --out).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import { createLogger } from '../../src/adapters/logging/pino-logger.js';
import { createApp } from '../../src/http/create-app.js';
import { ALL_CONTROLLERS } from '../../src/http/controllers.js';
import { systemClock } from '../../src/ports/clock.js';
import { createServices } from '../../src/services/create-services.js';
import { buildPostmanCollection, FLOW_FOLDER, type OpenApiLike } from './build-collection.js';

const root = resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({
  options: {
    out: {
      type: 'string',
      default: resolve(root, 'test-artifacts/shutter.postman_collection.json'),
    },
  },
});

// The document does not depend on the store: an in-memory one is enough to serve it.
const app = createApp(createServices(createMemoryStores(), systemClock), {
  controllers: ALL_CONTROLLERS,
  logger: createLogger('silent'),
  corsOrigins: ['*'],
  bodyLimitBytes: 1_048_576,
});
const res = await app.request('/openapi.json');
if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
const collection = await buildPostmanCollection((await res.json()) as OpenApiLike);

const out = resolve(values.out!);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(collection, null, 2) + '\n');
console.log(`Wrote ${out}
Import it into Postman or Insomnia, set adminPassword and apiKey, and run the folder
"${FLOW_FOLDER}".`);
