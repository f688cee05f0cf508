import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/domain/errors.js';
import { revisionOf, type Revision } from '../../src/domain/revision.js';
import type { Stores } from '../../src/services/create-services.js';
import { storedReview } from '../support/review-fixtures.js';
import { storeFactories } from '../support/store-factories.js';

describe.each(storeFactories)('RevisionStore contract: $name', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.create();
  });
  afterEach(() => stores.close());

  function revision(reviewId: string, n: number, title = `Take ${n}`): Revision {
    const review = storedReview({
      id: reviewId,
      version: n,
      title,
      body: `Body of version ${n}\n\nwith a second paragraph.`,
      updatedAt: new Date(Date.UTC(2026, 1, 1, 0, n)).toISOString(),
    });
    return revisionOf(review, n % 2 === 0 ? 'usr_admin' : 'usr_a');
  }

  it('keeps a revision and gives it back whole, content included', async () => {
    const kept = revision('rev_a', 1);
    await stores.revisions.append(kept);
    expect(await stores.revisions.get('rev_a', 1)).toEqual(kept);
    expect(await stores.revisions.get('rev_a', 2)).toBeUndefined();
    expect(await stores.revisions.get('rev_other', 1)).toBeUndefined();
  });

  it('lists a review’s revisions newest first, without their content', async () => {
    for (const n of [1, 2, 3]) await stores.revisions.append(revision('rev_a', n));
    await stores.revisions.append(revision('rev_b', 1));
    const list = await stores.revisions.list('rev_a');
    expect(list).toEqual(
      [3, 2, 1].map((n) => ({
        reviewId: 'rev_a',
        n,
        savedAt: revision('rev_a', n).savedAt,
        savedBy: n % 2 === 0 ? 'usr_admin' : 'usr_a',
        title: `Take ${n}`,
        status: 'draft',
      })),
    );
    expect(list[0]).not.toHaveProperty('content');
    expect(await stores.revisions.list('rev_missing')).toEqual([]);
  });

  it('orders by number, not as text (10 after 9)', async () => {
    for (let n = 1; n <= 11; n++) await stores.revisions.append(revision('rev_a', n));
    expect((await stores.revisions.list('rev_a')).map((r) => r.n)).toEqual([
      11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1,
    ]);
  });

  it('refuses a second revision with the same number, keeping the first', async () => {
    await stores.revisions.append(revision('rev_a', 1, 'First'));
    await expect(stores.revisions.append(revision('rev_a', 1, 'Second'))).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await stores.revisions.get('rev_a', 1))?.content.title).toBe('First');
  });

  it('lets exactly one of many concurrent appends of the same number win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => stores.revisions.append(revision('rev_a', 5, `T${i}`))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    }
  });

  it('prunes to the newest N of one review only, and to none', async () => {
    for (let n = 1; n <= 6; n++) await stores.revisions.append(revision('rev_a', n));
    await stores.revisions.append(revision('rev_b', 1));
    await stores.revisions.prune('rev_a', 3);
    expect((await stores.revisions.list('rev_a')).map((r) => r.n)).toEqual([6, 5, 4]);
    expect(await stores.revisions.get('rev_a', 3)).toBeUndefined();
    await stores.revisions.prune('rev_a', 3);
    expect((await stores.revisions.list('rev_a')).map((r) => r.n)).toEqual([6, 5, 4]);
    await stores.revisions.prune('rev_a', 0);
    expect(await stores.revisions.list('rev_a')).toEqual([]);
    expect((await stores.revisions.list('rev_b')).map((r) => r.n)).toEqual([1]);
    await stores.revisions.prune('rev_missing', 0);
  });

  it('stays out of the review listings and the review beside it', async () => {
    const review = storedReview({ id: 'rev_a' });
    await stores.reviews.create(review);
    await stores.revisions.append(revision('rev_a', 1));
    const page = await stores.reviews.list({ limit: 10 });
    expect(page.items.map((r) => r.id)).toEqual(['rev_a']);
    expect(await stores.reviews.get('rev_a')).toEqual(review);
    await stores.revisions.prune('rev_a', 0);
    expect(await stores.reviews.get('rev_a')).toEqual(review);
  });
});
