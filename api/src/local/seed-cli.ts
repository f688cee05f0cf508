import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { systemClock } from '../ports/clock.js';
import { createContentPipeline } from '../services/content-pipeline/content-pipeline.js';
import { seedCatalogue } from '../services/seed-catalogue.js';
import { openStores } from './open-stores.js';

const USAGE = `Usage:
  seed --reviews N [--json]

Adds N generated, published reviews to the configured store (SHUTTER_STORE, SHUTTER_DATA_DIR),
with their public documents and one rebuilt content index: a running server shows them within
its freshness bound (5 s). Seeding again adds N more (each run's slugs carry their own tag).`;

function fail(message: string, code = 1): never {
  console.error(code === 2 ? `${message}\n\n${USAGE}` : message);
  process.exit(code);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      reviews: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  fail((error as Error).message, 2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const count = Number(values.reviews);
if (values.reviews === undefined || !Number.isSafeInteger(count) || count < 1) {
  fail('--reviews needs a whole number of at least 1', 2);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const stores = await openStores(config);
try {
  // Only the index rebuild runs here; nothing is queued, so no worker needs to see these writes.
  const pipeline = createContentPipeline({
    reviews: stores.reviews,
    images: stores.images,
    users: stores.users,
    publicContent: stores.publicContent,
    blobs: stores.blobs,
    cdn: stores.cdn,
    jobs: stores.jobs,
    clock: systemClock,
  });
  const result = await seedCatalogue(
    { reviews: stores.reviews, publicContent: stores.publicContent, pipeline },
    count,
  );
  const s = result.seconds;
  console.log(
    values.json
      ? JSON.stringify(result)
      : `Seeded ${result.reviews} published reviews (slugs tagged "${result.batch}") in ${s.total} s: ` +
          `reviews ${s.reviews} s, public documents ${s.documents} s, index ${s.index} s. ` +
          `The index now holds ${result.indexed} published reviews.`,
  );
} finally {
  await stores.close();
}
