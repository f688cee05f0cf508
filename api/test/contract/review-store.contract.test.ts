import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../src/domain/errors.js';
import type { Review } from '../../src/domain/review.js';
import type { Stores } from '../../src/services/create-services.js';
import { storedReview } from '../support/review-fixtures.js';
import { storeFactories } from '../support/store-factories.js';

describe.each(storeFactories)('ReviewStore contract: $name', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.create();
  });
  afterEach(() => stores.close());

  async function put(overrides: Partial<Review> = {}): Promise<Review> {
    const review = storedReview(overrides);
    await stores.reviews.claimSlug(review.slug, review.id);
    await stores.reviews.create(review);
    return review;
  }

  describe('slugs', () => {
    it('lets one review hold a slug, idempotently', async () => {
      await stores.reviews.claimSlug('x100vi', 'rev_1');
      await stores.reviews.claimSlug('x100vi', 'rev_1');
      await expect(stores.reviews.claimSlug('x100vi', 'rev_2')).rejects.toBeInstanceOf(
        ConflictError,
      );
    });

    it('releases a slug only for the review holding it', async () => {
      await stores.reviews.claimSlug('gr-iii', 'rev_1');
      await stores.reviews.releaseSlug('gr-iii', 'rev_2');
      await expect(stores.reviews.claimSlug('gr-iii', 'rev_2')).rejects.toBeInstanceOf(
        ConflictError,
      );
      await stores.reviews.releaseSlug('gr-iii', 'rev_1');
      await stores.reviews.claimSlug('gr-iii', 'rev_2');
    });

    it('names the review holding a slug, whichever slug the review shows now', async () => {
      expect(await stores.reviews.slugHolder('kept-slug')).toBeUndefined();
      await stores.reviews.claimSlug('kept-slug', 'rev_1');
      expect(await stores.reviews.slugHolder('kept-slug')).toBe('rev_1');
      await stores.reviews.releaseSlug('kept-slug', 'rev_1');
      expect(await stores.reviews.slugHolder('kept-slug')).toBeUndefined();
      expect(await stores.reviews.slugHolder('no such#slug')).toBeUndefined();
    });

    it('gives a contested slug to exactly one of many concurrent claims', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => stores.reviews.claimSlug('hot', `rev_${i}`)),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      }
    });
  });

  it('creates a review and reads it back by id and by slug, unchanged', async () => {
    const review = await put({ publishedAt: '2026-01-02T00:00:00.000Z', status: 'published' });
    expect(await stores.reviews.get(review.id)).toEqual(review);
    expect(await stores.reviews.getBySlug(review.slug)).toEqual(review);
    expect(await stores.reviews.get('rev_missing')).toBeUndefined();
    expect(await stores.reviews.getBySlug('missing')).toBeUndefined();
  });

  it('refuses a second review with the same id', async () => {
    const review = await put();
    await expect(stores.reviews.create({ ...review, slug: 'another-slug' })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('returns copies: changing a result changes nothing stored', async () => {
    const review = await put();
    const read = (await stores.reviews.get(review.id))!;
    read.pros.push('mutated');
    read.camera.brand = 'mutated';
    expect(await stores.reviews.get(review.id)).toEqual(review);
  });

  describe('list', () => {
    it('pages by author and status, newest created first, without gaps or repeats', async () => {
      const mine: Review[] = [];
      for (let i = 0; i < 7; i++) {
        mine.push(
          await put({
            authorId: 'usr_a',
            status: i % 2 === 0 ? 'published' : 'draft',
            createdAt: `2026-01-0${i + 1}T00:00:00.000Z`,
          }),
        );
      }
      await put({ authorId: 'usr_b', createdAt: '2026-01-05T00:00:00.000Z' });

      const seen: string[] = [];
      let after;
      for (;;) {
        const page = await stores.reviews.list({
          authorId: 'usr_a',
          limit: 3,
          ...(after ? { after } : {}),
        });
        seen.push(...page.items.map((r) => r.id));
        const last = page.items[page.items.length - 1];
        if (!page.hasMore || !last) break;
        after = { createdAt: last.createdAt, id: last.id };
      }
      expect(seen).toEqual([...mine].reverse().map((r) => r.id));

      const drafts = await stores.reviews.list({ authorId: 'usr_a', status: 'draft', limit: 10 });
      expect(drafts.items.map((r) => r.id)).toEqual([mine[5]!.id, mine[3]!.id, mine[1]!.id]);
      expect(drafts.hasMore).toBe(false);
    });

    it('lists every author without an author filter, breaking createdAt ties by id', async () => {
      const at = '2026-02-01T00:00:00.000Z';
      const a = await put({ id: 'rev_a', authorId: 'usr_a', createdAt: at });
      const b = await put({ id: 'rev_b', authorId: 'usr_b', createdAt: at });
      const first = await stores.reviews.list({ limit: 1 });
      expect(first).toEqual({ items: [b], hasMore: true });
      const second = await stores.reviews.list({ limit: 1, after: { createdAt: at, id: 'rev_b' } });
      expect(second).toEqual({ items: [a], hasMore: false });
    });
  });

  it('lists every published review and no draft', async () => {
    const published = await put({ status: 'published', publishedAt: '2026-01-01T00:00:00.000Z' });
    await put({ status: 'draft' });
    expect(await stores.reviews.listPublished()).toEqual([published]);
  });

  describe('update', () => {
    it('replaces the review when the expected version is current', async () => {
      const review = await put();
      const next = { ...review, title: 'New title', version: 2, status: 'published' as const };
      await stores.reviews.update(next, 1);
      expect(await stores.reviews.get(review.id)).toEqual(next);
      expect(await stores.reviews.listPublished()).toEqual([next]);
    });

    it('refuses a stale version with PreconditionFailedError and keeps the stored one', async () => {
      const review = await put();
      await stores.reviews.update({ ...review, title: 'First', version: 2 }, 1);
      await expect(
        stores.reviews.update({ ...review, title: 'Second', version: 2 }, 1),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
      expect((await stores.reviews.get(review.id))?.title).toBe('First');
    });

    it('lets exactly one of concurrent updates from the same version win', async () => {
      const review = await put();
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) =>
          stores.reviews.update({ ...review, title: `Writer ${i}`, version: 2 }, 1),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('refuses an unknown review with NotFoundError', async () => {
      await expect(
        stores.reviews.update(storedReview({ id: 'rev_ghost', version: 2 }), 1),
      ).rejects.toBeInstanceOf(NotFoundError);
    });

    it('finds the review by its new slug once the caller has moved the slug', async () => {
      const review = await put({ slug: 'old-slug' });
      await stores.reviews.claimSlug('new-slug', review.id);
      await stores.reviews.update({ ...review, slug: 'new-slug', version: 2 }, 1);
      await stores.reviews.releaseSlug('old-slug', review.id);
      expect((await stores.reviews.getBySlug('new-slug'))?.id).toBe(review.id);
      expect(await stores.reviews.getBySlug('old-slug')).toBeUndefined();
    });

    it('finds no review by an old slug it keeps; the claim still names it', async () => {
      const review = await put({ slug: 'first-slug' });
      await stores.reviews.claimSlug('second-slug', review.id);
      await stores.reviews.update({ ...review, slug: 'second-slug', version: 2 }, 1);
      expect(await stores.reviews.getBySlug('first-slug')).toBeUndefined();
      expect(await stores.reviews.slugHolder('first-slug')).toBe(review.id);
    });
  });

  describe('delete', () => {
    it('deletes only at the expected version', async () => {
      const review = await put();
      await expect(stores.reviews.delete(review.id, 7)).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      await stores.reviews.delete(review.id, 1);
      expect(await stores.reviews.get(review.id)).toBeUndefined();
      await expect(stores.reviews.delete(review.id, 1)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
