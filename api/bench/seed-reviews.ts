// Seeds a data directory (or DynamoDB prefix) with N generated, published reviews for the bench.
// Written straight to the ReviewStore, as the demo loader does, so seeding 10,000 reviews does not
// rebuild the read model 10,000 times. Usage: tsx api/bench/seed-reviews.ts COUNT
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { assertReviewRules, type Review } from '../src/domain/review.js';
import { openStores } from '../src/local/open-stores.js';
import { DEMO_REVIEWS } from '../src/services/demo-review-data.js';

const count = Number(process.argv[2] ?? 10_000);
const WORDS = [
  'street',
  'wildlife',
  'studio',
  'travel',
  'wedding',
  'astro',
  'macro',
  'sports',
  'portrait',
  'landscape',
];

/** Writes in flight at once: DynamoDB (dynalite) answers each write in a round trip. */
const CONCURRENCY = 16;

function reviewAt(i: number, start: number): Review {
  const base = DEMO_REVIEWS[i % DEMO_REVIEWS.length]!;
  const at = new Date(start + i * 60_000).toISOString();
  const topic = WORDS[i % WORDS.length]!;
  const review: Review = {
    ...base,
    camera: { ...base.camera, model: `${base.camera.model} ${topic} ${i}` },
    title: `${base.title} (${topic} test ${i})`,
    rating: Math.round((((i * 37) % 100) / 10) * 2) / 2,
    id: `rev_${randomBytes(8).toString('hex')}`,
    slug: `${base.slug}-${topic}-${i}`,
    status: 'published',
    authorId: `usr_bench${i % 7}`,
    createdAt: at,
    updatedAt: at,
    publishedAt: at,
    version: 1,
  };
  assertReviewRules(review, new Date(at));
  return review;
}

const stores = await openStores(loadConfig());
const start = Date.parse('2024-01-01T00:00:00Z');
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    for (let i = next++; i < count; i = next++) {
      const review = reviewAt(i, start);
      await stores.reviews.claimSlug(review.slug, review.id);
      await stores.reviews.create(review);
    }
  }),
);
await stores.reviews.bumpContentVersion();
await stores.close();
console.log(JSON.stringify({ seeded: count }));
