import { randomBytes } from 'node:crypto';
import { assertPublishChecklist } from '../domain/publish-checklist.js';
import { assertReviewRules, type Review } from '../domain/review.js';
import type { Clock } from '../ports/clock.js';
import type { ReviewStore } from '../ports/review-store.js';
import { DEMO_AUTHOR_ID, DEMO_REVIEWS } from './demo-review-data.js';

const DAY_MS = 86_400_000;

/**
 * Loads the demo reviews, published, into a store that has no review at all (drafts included),
 * and returns how many it loaded: 0 when the store already has reviews, so that deleting the
 * demo content never brings it back at the next start. Publication dates are spread over the
 * days before `clock.now()`, one a day, so that "newest" has a meaningful order.
 */
export async function loadDemoReviews(reviews: ReviewStore, clock: Clock): Promise<number> {
  const existing = await reviews.list({ limit: 1 });
  if (existing.items.length > 0) return 0;
  const now = clock.now().getTime();
  let loaded = 0;
  for (const [index, input] of DEMO_REVIEWS.entries()) {
    const at = new Date(now - (DEMO_REVIEWS.length - index) * DAY_MS);
    const review: Review = {
      ...input,
      id: `rev_${randomBytes(8).toString('hex')}`,
      slug: input.slug!,
      status: 'published',
      authorId: DEMO_AUTHOR_ID,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      publishedAt: at.toISOString(),
      version: 1,
      publishAt: null,
      scheduleError: null,
      slugHistory: [],
    };
    assertReviewRules(review, at);
    // Shown on the reader site: held to the publish checklist like an editor's publish.
    assertPublishChecklist(review, []);
    await reviews.claimSlug(review.slug, review.id);
    await reviews.create(review);
    loaded += 1;
  }
  return loaded;
}
