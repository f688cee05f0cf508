import { randomBytes } from 'node:crypto';
import type { Review } from '../domain/review.js';
import type { PublicContentStore } from '../ports/public-content-store.js';
import type { ReviewStore } from '../ports/review-store.js';
import type { ContentPipeline } from './content-pipeline/content-pipeline.js';
import { createBodyRenderer, publicDocumentOf } from './content-pipeline/public-detail.js';
import { generatedReview } from './review-generator.js';

/** Writes in flight at once: DynamoDB answers each write in a round trip; SQLite does not mind. */
const CONCURRENCY = 16;

export interface SeedTargets {
  reviews: ReviewStore;
  publicContent: PublicContentStore;
  /** Only its `rebuildIndex` runs: once, after every document is written. */
  pipeline: Pick<ContentPipeline, 'rebuildIndex'>;
}

/** What a seed did, with the seconds each phase took. */
export interface SeedResult {
  reviews: number;
  /** The tag in this batch's slugs (unique per run, so seeding again adds more). */
  batch: string;
  /** Published reviews the rebuilt index holds (this batch and every earlier one). */
  indexed: number;
  seconds: { reviews: number; documents: number; index: number; total: number };
}

async function inParallel<T>(items: readonly T[], each: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await each(items[i]!);
    }),
  );
}

const secondsSince = (start: number) => Math.round((performance.now() - start) / 10) / 100;

/**
 * Fills a store with `count` generated, published reviews the way the content pipeline would
 * leave them, without queueing a job per review (which would rebuild the index `count` times):
 * writes the reviews (slug claim, then the review), writes each one's public document (rendered
 * by one renderer, so the few distinct generated bodies render once each), then rebuilds the
 * index once and moves the pointer, which running content processes pick up at their next
 * freshness check. Slugs carry a random batch tag, so seeding again adds reviews.
 */
export async function seedCatalogue(targets: SeedTargets, count: number): Promise<SeedResult> {
  const batch = randomBytes(3).toString('hex');
  const start = performance.now();
  const generated: Review[] = Array.from({ length: count }, (_, i) =>
    generatedReview(i, { batch }),
  );

  const reviewsStart = performance.now();
  await inParallel(generated, async (review) => {
    await targets.reviews.claimSlug(review.slug, review.id);
    await targets.reviews.create(review);
  });
  const reviewsSeconds = secondsSince(reviewsStart);

  const documentsStart = performance.now();
  const renderBody = createBodyRenderer();
  await inParallel(generated, async (review) => {
    await targets.publicContent.put(publicDocumentOf(review, renderBody));
  });
  const documentsSeconds = secondsSince(documentsStart);

  const indexStart = performance.now();
  const { pointer } = await targets.pipeline.rebuildIndex();
  return {
    reviews: count,
    batch,
    indexed: pointer.reviews,
    seconds: {
      reviews: reviewsSeconds,
      documents: documentsSeconds,
      index: secondsSince(indexStart),
      total: secondsSince(start),
    },
  };
}
