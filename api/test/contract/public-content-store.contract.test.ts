import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicContentEntry, PublicDocument } from '../../src/ports/public-content-store.js';
import type { Stores } from '../../src/services/create-services.js';
import { storedReview } from '../support/review-fixtures.js';
import { storeFactories } from '../support/store-factories.js';

/** A document as the worker would render it; the body names the review and version it came from. */
function doc(slug: string, reviewId: string, version: number, padding = 0): PublicDocument {
  const body = 'é ✓ α7 — "quoted" \\ \n' + 'x'.repeat(padding);
  const json = JSON.stringify({ slug, reviewId, version, body });
  return { slug, reviewId, version, json, etag: `"${reviewId}-${version}"` };
}

async function all(entries: AsyncIterable<PublicContentEntry>): Promise<PublicContentEntry[]> {
  const out: PublicContentEntry[] = [];
  for await (const entry of entries) out.push(entry);
  return out.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

describe.each(storeFactories)('PublicContentStore contract: $name', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.create();
  });
  afterEach(() => stores.close());

  it('stores a document and reads it back byte for byte; a missing slug is undefined', async () => {
    const written = doc('x100vi', 'rev_1', 3);
    expect(await stores.publicContent.put(written)).toBe(true);
    expect(await stores.publicContent.get('x100vi')).toEqual(written);
    expect(await stores.publicContent.get('missing')).toBeUndefined();
    // Not a valid key on any store: still just "not found".
    expect(await stores.publicContent.get('no such#slug')).toBeUndefined();
  });

  it('returns copies: changing a result changes nothing stored', async () => {
    await stores.publicContent.put(doc('gr-iii', 'rev_1', 1));
    const read = (await stores.publicContent.get('gr-iii'))!;
    read.json = 'mutated';
    expect((await stores.publicContent.get('gr-iii'))!.json).toBe(doc('gr-iii', 'rev_1', 1).json);
  });

  describe('versions of one review', () => {
    it('lets a newer version replace an older one', async () => {
      await stores.publicContent.put(doc('a7-iv', 'rev_1', 2));
      expect(await stores.publicContent.put(doc('a7-iv', 'rev_1', 5))).toBe(true);
      expect(await stores.publicContent.get('a7-iv')).toEqual(doc('a7-iv', 'rev_1', 5));
    });

    it('ignores a late put of an older version', async () => {
      await stores.publicContent.put(doc('a7-iv', 'rev_1', 5));
      expect(await stores.publicContent.put(doc('a7-iv', 'rev_1', 4))).toBe(false);
      expect(await stores.publicContent.get('a7-iv')).toEqual(doc('a7-iv', 'rev_1', 5));
    });

    it('lets the same version be put again (a re-render)', async () => {
      await stores.publicContent.put(doc('a7-iv', 'rev_1', 5));
      const rerendered = { ...doc('a7-iv', 'rev_1', 5), json: '{"rerendered":true}', etag: '"r"' };
      expect(await stores.publicContent.put(rerendered)).toBe(true);
      expect(await stores.publicContent.get('a7-iv')).toEqual(rerendered);
    });

    it('keeps the highest of many concurrent puts, whatever their order', async () => {
      const versions = [3, 9, 1, 7, 5, 8, 2, 6, 4];
      await Promise.all(versions.map((v) => stores.publicContent.put(doc('hot', 'rev_1', v))));
      expect(await stores.publicContent.get('hot')).toEqual(doc('hot', 'rev_1', 9));
    });
  });

  describe('a slug passing from one review to another', () => {
    it("never lets another review's put replace a stored document, whatever its version", async () => {
      await stores.publicContent.put(doc('x-t5', 'rev_old', 7));
      expect(await stores.publicContent.put(doc('x-t5', 'rev_new', 1))).toBe(false);
      expect(await stores.publicContent.put(doc('x-t5', 'rev_new', 100))).toBe(false);
      expect(await stores.publicContent.get('x-t5')).toEqual(doc('x-t5', 'rev_old', 7));
    });

    it("hands the slug over once the old holder's document is deleted", async () => {
      await stores.publicContent.put(doc('x-t5', 'rev_old', 7));
      await stores.publicContent.delete('x-t5', 'rev_old');
      expect(await stores.publicContent.put(doc('x-t5', 'rev_new', 1))).toBe(true);
      // A late worker of the old holder, at any version, cannot take it back.
      expect(await stores.publicContent.put(doc('x-t5', 'rev_old', 8))).toBe(false);
      expect(await stores.publicContent.get('x-t5')).toEqual(doc('x-t5', 'rev_new', 1));
    });

    it('gives an empty slug to exactly one of many concurrent reviews', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => stores.publicContent.put(doc('race', `rev_${i}`, 1))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await stores.publicContent.get('race')).toEqual(doc('race', `rev_${winner}`, 1));
    });
  });

  describe('delete', () => {
    it('removes a document', async () => {
      await stores.publicContent.put(doc('q3', 'rev_1', 1));
      await stores.publicContent.delete('q3');
      expect(await stores.publicContent.get('q3')).toBeUndefined();
    });

    it('removes it only for the review that holds it, when a review is named', async () => {
      await stores.publicContent.put(doc('q3', 'rev_1', 1));
      await stores.publicContent.delete('q3', 'rev_2');
      expect(await stores.publicContent.get('q3')).toEqual(doc('q3', 'rev_1', 1));
      await stores.publicContent.delete('q3', 'rev_1');
      expect(await stores.publicContent.get('q3')).toBeUndefined();
    });

    it('succeeds for a missing document, with or without a review', async () => {
      await stores.publicContent.delete('never-stored');
      await stores.publicContent.delete('never-stored', 'rev_1');
      await stores.publicContent.delete('no such#slug', 'rev_1');
    });

    it('lets the same review publish again after its document was deleted', async () => {
      await stores.publicContent.put(doc('q3', 'rev_1', 4));
      await stores.publicContent.delete('q3', 'rev_1');
      expect(await stores.publicContent.put(doc('q3', 'rev_1', 6))).toBe(true);
      expect(await stores.publicContent.get('q3')).toEqual(doc('q3', 'rev_1', 6));
    });
  });

  describe('redirect documents (old slugs)', () => {
    const redirect = (slug: string, to: string, version: number): PublicDocument => ({
      slug,
      reviewId: 'rev_1',
      version,
      json: JSON.stringify({ redirectTo: to }),
      etag: `"r-${to}-${version}"`,
      redirectTo: to,
    });

    it('stores the slug it points to and reads it back; other documents have none', async () => {
      expect(await stores.publicContent.put(redirect('old-name', 'new-name', 4))).toBe(true);
      expect(await stores.publicContent.get('old-name')).toEqual(
        redirect('old-name', 'new-name', 4),
      );
      await stores.publicContent.put(doc('new-name', 'rev_1', 4));
      const plain = await stores.publicContent.get('new-name');
      expect(plain).toEqual(doc('new-name', 'rev_1', 4));
      expect(plain).not.toHaveProperty('redirectTo');
    });

    it('follows the ordering of the review: a newer document replaces it, either way', async () => {
      await stores.publicContent.put(doc('moving', 'rev_1', 2));
      expect(await stores.publicContent.put(redirect('moving', 'moved', 3))).toBe(true);
      expect((await stores.publicContent.get('moving'))?.redirectTo).toBe('moved');
      // A late rendering of the version before the move changes nothing.
      expect(await stores.publicContent.put(doc('moving', 'rev_1', 2))).toBe(false);
      expect((await stores.publicContent.get('moving'))?.redirectTo).toBe('moved');
      // The review took its old slug back: the document there is plain again, no redirect left.
      expect(await stores.publicContent.put(doc('moving', 'rev_1', 5))).toBe(true);
      const back = await stores.publicContent.get('moving');
      expect(back).toEqual(doc('moving', 'rev_1', 5));
      expect(back).not.toHaveProperty('redirectTo');
    });

    it("never replaces another review's document, and is deleted like any other", async () => {
      await stores.publicContent.put(doc('held', 'rev_2', 1));
      expect(await stores.publicContent.put(redirect('held', 'elsewhere', 9))).toBe(false);
      await stores.publicContent.put(redirect('old-name', 'new-name', 1));
      await stores.publicContent.delete('old-name', 'rev_2');
      expect(await stores.publicContent.get('old-name')).toBeDefined();
      await stores.publicContent.delete('old-name', 'rev_1');
      expect(await stores.publicContent.get('old-name')).toBeUndefined();
    });

    it('is listed with the slug it points to', async () => {
      await stores.publicContent.put(redirect('old-name', 'new-name', 2));
      await stores.publicContent.put(doc('new-name', 'rev_1', 2));
      expect(await all(stores.publicContent.listSlugs())).toEqual([
        { slug: 'new-name', reviewId: 'rev_1', version: 2 },
        { slug: 'old-name', reviewId: 'rev_1', version: 2, redirectTo: 'new-name' },
      ]);
    });
  });

  describe('listSlugs', () => {
    it('is empty on a new store', async () => {
      expect(await all(stores.publicContent.listSlugs())).toEqual([]);
    });

    it('lists every stored document once, with its review and version, past one page', async () => {
      // More than the SQLite adapter's page of 500 and, at ~1 KB each, more than DynamoDB's 1 MB
      // Scan page, so both adapters' paging is exercised.
      const count = 1203;
      const expected: PublicContentEntry[] = [];
      for (let i = 0; i < count; i += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, count - i) }, (_, j) => {
            const n = i + j;
            const slug = `camera-${String(n).padStart(4, '0')}`;
            expected.push({ slug, reviewId: `rev_${n}`, version: n % 7 });
            return stores.publicContent.put(doc(slug, `rev_${n}`, n % 7, 1000));
          }),
        );
      }
      await stores.publicContent.delete('camera-0007');
      const listed = await all(stores.publicContent.listSlugs());
      expect(listed).toEqual(
        expected.filter((e) => e.slug !== 'camera-0007').sort((a, b) => (a.slug < b.slug ? -1 : 1)),
      );
    }, 60_000);
  });

  it('keeps public documents out of every review listing, and reviews out of listSlugs', async () => {
    const review = storedReview({
      slug: 'x100vi',
      status: 'published',
      publishedAt: '2026-01-02T00:00:00.000Z',
    });
    await stores.reviews.claimSlug(review.slug, review.id);
    await stores.reviews.create(review);
    await stores.publicContent.put(doc('x100vi', review.id, review.version));
    await stores.publicContent.put(doc('orphan', 'rev_gone', 1));

    expect((await stores.reviews.listPublished()).map((r) => r.id)).toEqual([review.id]);
    for (const status of [undefined, 'published', 'draft'] as const) {
      const page = await stores.reviews.list({ limit: 100, ...(status ? { status } : {}) });
      expect(page.items.map((r) => r.id)).toEqual(status === 'draft' ? [] : [review.id]);
      const mine = await stores.reviews.list({
        limit: 100,
        authorId: review.authorId,
        ...(status ? { status } : {}),
      });
      expect(mine.items.map((r) => r.id)).toEqual(status === 'draft' ? [] : [review.id]);
    }
    expect(await stores.reviews.getBySlug('orphan')).toBeUndefined();
    expect((await all(stores.publicContent.listSlugs())).map((e) => e.slug)).toEqual([
      'orphan',
      'x100vi',
    ]);
  });
});
