// Seeds a data directory (or DynamoDB prefix) with N generated, published reviews for the bench:
// the same code as `npm run seed` (reviews, their public documents, one index rebuild), so that
// seeding 10,000 reviews does not rebuild the index 10,000 times.
// Usage: tsx api/bench/seed-reviews.ts COUNT
import { loadConfig } from '../src/config.js';
import { openStores } from '../src/local/open-stores.js';
import { systemClock } from '../src/ports/clock.js';
import { createContentPipeline } from '../src/services/content-pipeline/content-pipeline.js';
import { seedCatalogue } from '../src/services/seed-catalogue.js';

const count = Number(process.argv[2] ?? 10_000);
const stores = await openStores(loadConfig());
try {
  const pipeline = createContentPipeline({ ...stores, clock: systemClock });
  const result = await seedCatalogue({ ...stores, pipeline }, count);
  console.log(JSON.stringify({ seeded: result.reviews, seconds: result.seconds }));
} finally {
  await stores.close();
}
