import { describe, expect, it } from 'vitest';
import { createMemoryReviewStore } from '../../src/adapters/memory/memory-review-store.js';
import type { Review } from '../../src/domain/review.js';
import type { ReviewStore } from '../../src/ports/review-store.js';
import { storedReview } from '../support/review-fixtures.js';
import { createTestClock } from '../support/clock.js';
import { createContentService } from '../../src/services/content-service.js';
import { createCursorCodec } from '../../src/services/cursor.js';

/** A store whose published list lags one read behind, as a just-written DynamoDB GSI can. */
function laggingStore(store: ReviewStore): ReviewStore & { lagOnce(): void } {
  let lag = false;
  let previous: Review[] = [];
  return {
    ...store,
    async listPublished() {
      const fresh = await store.listPublished();
      const answer = lag ? previous : fresh;
      lag = false;
      previous = fresh;
      return answer;
    },
    lagOnce: () => {
      lag = true;
    },
  };
}

async function publish(store: ReviewStore, slug: string) {
  const review = storedReview({
    slug,
    status: 'published',
    publishedAt: '2026-11-20T00:00:00.000Z',
  });
  await store.claimSlug(review.slug, review.id);
  await store.create(review);
  await store.bumpContentVersion();
}

describe('content service staleness', () => {
  it('serves a change made elsewhere after one check, even when the first rebuild reads a lagging list', async () => {
    const store = laggingStore(createMemoryReviewStore());
    const clock = createTestClock();
    const content = createContentService({
      reviews: store,
      clock,
      cursors: createCursorCodec('k'),
      stalenessCheckMs: 5_000,
    });
    await publish(store, 'first-review');
    await content.warm();
    await expect(content.get('first-review')).resolves.toBeDefined();

    // Another process publishes; this instance's next rebuild reads the list before it caught up.
    await publish(store, 'second-review');
    store.lagOnce();
    clock.advance(5_001);
    await expect(content.get('second-review')).rejects.toThrow();

    // One interval later the confirming rebuild sees it.
    clock.advance(5_001);
    await expect(content.get('second-review')).resolves.toBeDefined();
  });

  it('does not touch the store between checks', async () => {
    const base = createMemoryReviewStore();
    let versionReads = 0;
    const store: ReviewStore = {
      ...base,
      getContentVersion: async () => {
        versionReads += 1;
        return base.getContentVersion();
      },
    };
    const clock = createTestClock();
    const content = createContentService({
      reviews: store,
      clock,
      cursors: createCursorCodec('k'),
    });
    await publish(base, 'a-review');
    await content.warm();
    const before = versionReads;
    for (let i = 0; i < 50; i++) await content.get('a-review');
    expect(versionReads).toBe(before);
  });
});
