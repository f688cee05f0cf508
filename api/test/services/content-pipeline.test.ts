import { beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryCdnPurger,
  type MemoryCdnPurger,
} from '../../src/adapters/memory/memory-cdn-purger.js';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import type { Review } from '../../src/domain/review.js';
import type { BlobStore } from '../../src/ports/blob-store.js';
import type { JobRequest } from '../../src/ports/job-queue.js';
import {
  CONFIRM_INDEX_JOB,
  CONTENT_JOB,
  reviewJob,
} from '../../src/services/content-pipeline/content-jobs.js';
import { createContentPipeline } from '../../src/services/content-pipeline/content-pipeline.js';
import {
  createInProcessContentWorker,
  type InProcessContentWorker,
} from '../../src/services/content-pipeline/in-process-worker.js';
import {
  INDEX_PREFIX,
  readIndexPointer,
} from '../../src/services/content-pipeline/index-pointer.js';
import { createContentService } from '../../src/services/content-service.js';
import { createCursorCodec } from '../../src/services/cursor.js';
import type { Stores } from '../../src/services/service-types.js';
import { createTestClock, type TestClock } from '../support/clock.js';
import { storedReview } from '../support/review-fixtures.js';
import { createCapturingLogger } from '../support/silent-logger.js';

let stores: Stores;
let cdn: MemoryCdnPurger;
let clock: TestClock;
let worker: InProcessContentWorker;

const published = (overrides: Partial<Review> = {}) =>
  storedReview({ status: 'published', publishedAt: '2026-11-20T00:00:00.000Z', ...overrides });

async function put(review: Review): Promise<Review> {
  const existing = await stores.reviews.get(review.id);
  if (existing) await stores.reviews.update(review, existing.version);
  else {
    if (review.status === 'published') await stores.reviews.claimSlug(review.slug, review.id);
    await stores.reviews.create(review);
  }
  return review;
}

/** A content service as another process would have it: told nothing, it reads what is stored. */
function reader() {
  return createContentService({
    publicContent: stores.publicContent,
    blobs: stores.blobs,
    clock,
    cursors: createCursorCodec(Buffer.alloc(32, 7)),
  });
}

async function artifactPuts(blobs: BlobStore): Promise<number> {
  let n = 0;
  for await (const entry of blobs.list(INDEX_PREFIX)) if (entry.key.endsWith('.idx')) n++;
  return n;
}

beforeEach(() => {
  clock = createTestClock();
  cdn = createMemoryCdnPurger();
  stores = { ...createMemoryStores(), cdn };
  worker = createInProcessContentWorker(stores, clock, createCapturingLogger(), undefined, {
    indexDelayMs: 0,
  });
});

describe('the content pipeline', () => {
  it('renders a published review once into its public document and indexes it', async () => {
    const review = await put(published({ slug: 'x100vi-review', body: '**Quiet** shutter' }));
    await worker.pipeline.reviewsChanged([review.slug]);
    await worker.drain();

    const doc = await stores.publicContent.get('x100vi-review');
    expect(doc).toMatchObject({ reviewId: review.id, version: review.version });
    const detail = JSON.parse(doc!.json) as { html: string; body: string };
    expect(detail.html).toContain('<strong>Quiet</strong>');
    expect(doc!.etag).toMatch(/^"[\w-]{27}"$/);

    const pointer = await readIndexPointer(stores.blobs);
    expect(pointer).toMatchObject({ reviews: 1 });
    const list = JSON.parse((await reader().list({ limit: 20 })).json) as {
      items: { slug: string }[];
    };
    expect(list.items.map((i) => i.slug)).toEqual(['x100vi-review']);
    // The review's detail first, then every list, the camera table and comparisons.
    expect(cdn.calls).toContainEqual(['review:x100vi-review']);
    expect(cdn.calls).toContainEqual(['cameras', 'compare', 'list']);
  });

  it('never lets a draft reach the public store, the index or the CDN', async () => {
    const draft = await put(storedReview({ slug: 'secret-draft', status: 'draft' }));
    // Even a job for the draft's slug (a stale or forged one) materialises nothing.
    await worker.pipeline.reviewsChanged([draft.slug]);
    await worker.pipeline.reconcile();
    await worker.drain();
    expect(await stores.publicContent.get('secret-draft')).toBeUndefined();
    const artifact = (await stores.blobs.get((await readIndexPointer(stores.blobs))!.key))!;
    expect(Buffer.from(artifact.bytes).toString()).not.toContain('secret');
    expect([...cdn.purgedTags()].filter((t) => t.includes('secret-draft'))).toEqual([
      'review:secret-draft',
    ]);
    // The purge of its tag is of a page no one could have cached: the slug never served content.
    expect((await reader().list({ limit: 20 })).json).not.toContain('secret');
  });

  it('removes an unpublished review from the public store and the index', async () => {
    const review = await put(published({ slug: 'gone-soon' }));
    await worker.pipeline.reviewsChanged([review.slug]);
    await worker.drain();
    await put({ ...review, status: 'draft', version: review.version + 1 });
    await worker.pipeline.reviewsChanged([review.slug]);
    await worker.drain();
    expect(await stores.publicContent.get('gone-soon')).toBeUndefined();
    expect((await readIndexPointer(stores.blobs))!.reviews).toBe(0);
  });

  it('coalesces a burst of publishes into one index rebuild', async () => {
    const slugs: string[] = [];
    for (let i = 0; i < 20; i++) {
      slugs.push((await put(published({ slug: `burst-${i}` }))).slug);
    }
    for (const slug of slugs) await worker.pipeline.reviewsChanged([slug]);
    await worker.drain();
    expect(await artifactPuts(stores.blobs)).toBe(1);
    expect((await readIndexPointer(stores.blobs))!.reviews).toBe(20);
  });

  it('gives the same result when a job runs twice or late', async () => {
    const review = await put(published({ slug: 'twice', title: 'First title' }));
    const handler = worker.pipeline.handlers[CONTENT_JOB.review]!;
    const job = { ...reviewJob('twice'), attempts: 1, enqueuedAt: clock.now() };
    await handler(job);
    const edited = await put({ ...review, title: 'Second title', version: review.version + 1 });
    await handler(job);
    // A late run of the first job after the edit renders the current version, never the old one.
    await handler(job);
    const doc = (await stores.publicContent.get('twice'))!;
    expect(doc.version).toBe(edited.version);
    expect(doc.json).toContain('Second title');
    const { moved } = await worker.pipeline.rebuildIndex();
    expect(moved).toBe(true);
    expect((await worker.pipeline.rebuildIndex()).moved).toBe(false);
  });

  it('hands a slug from a deleted review to the review that takes it next', async () => {
    const first = await put(published({ slug: 'shared-slug', title: 'First holder' }));
    await worker.pipeline.reviewsChanged(['shared-slug']);
    await worker.drain();
    await stores.reviews.delete(first.id, first.version);
    await stores.reviews.releaseSlug('shared-slug', first.id);
    await put(published({ slug: 'shared-slug', title: 'Second holder' }));
    await worker.pipeline.reviewsChanged(['shared-slug']);
    await worker.drain();
    expect((await stores.publicContent.get('shared-slug'))!.json).toContain('Second holder');
  });

  it('reconciles: queues what is missing or stale, removes what is no longer published', async () => {
    const fresh = await put(published({ slug: 'fresh' }));
    const stale = await put(published({ slug: 'stale' }));
    await worker.pipeline.reviewsChanged(['fresh', 'stale']);
    await worker.drain();
    // Written behind the pipeline's back (as a bulk import or a lost job would leave them).
    await put({ ...stale, title: 'Changed behind its back', version: stale.version + 1 });
    await put(published({ slug: 'missing' }));
    await stores.publicContent.put({
      slug: 'orphan',
      reviewId: 'rev_orphan',
      version: 1,
      json: '{}',
      etag: '"x"',
    });
    expect(await worker.pipeline.reconcile()).toBe(3);
    await worker.drain();
    expect((await stores.publicContent.get('stale'))!.json).toContain('Changed behind its back');
    expect(await stores.publicContent.get('missing')).toBeDefined();
    expect(await stores.publicContent.get('orphan')).toBeUndefined();
    expect((await stores.publicContent.get('fresh'))!.version).toBe(fresh.version);
    expect((await readIndexPointer(stores.blobs))!.reviews).toBe(3);
  });

  describe('old slugs (slug history)', () => {
    /** Moves a published review to `slug` as the review service does: the old one stays its own. */
    async function move(review: Review, slug: string): Promise<Review> {
      await stores.reviews.claimSlug(slug, review.id);
      const moved = {
        ...review,
        slug,
        slugHistory: [...review.slugHistory, review.slug],
        version: review.version + 1,
      };
      return put(moved);
    }

    it('stores a redirect of the review under its old slug, and the review under the new', async () => {
      const review = await put(published({ slug: 'first-look' }));
      await worker.pipeline.reviewsChanged([review.slug]);
      await worker.drain();
      const moved = await move(review, 'full-review');
      await worker.pipeline.reviewsChanged(['first-look', 'full-review']);
      await worker.drain();

      expect(await stores.publicContent.get('first-look')).toMatchObject({
        reviewId: review.id,
        version: moved.version,
        redirectTo: 'full-review',
      });
      const current = await stores.publicContent.get('full-review');
      expect(current).toMatchObject({ reviewId: review.id, version: moved.version });
      expect(current).not.toHaveProperty('redirectTo');
      expect(await reader().resolve('first-look')).toEqual({
        kind: 'redirect',
        to: 'full-review',
        tags: ['review:first-look'],
      });
      await expect(reader().get('first-look')).rejects.toThrow(/No published review/);
      // The old slug's cached answers are purged: it stopped serving the review itself.
      expect(cdn.calls).toContainEqual(['review:first-look']);
      expect((await readIndexPointer(stores.blobs))!.reviews).toBe(1);
    });

    it('deletes the redirect when the review is unpublished, or no longer keeps the slug', async () => {
      const moved = await move(await put(published({ slug: 'old-one' })), 'new-one');
      await worker.pipeline.reviewsChanged(['old-one', 'new-one']);
      await worker.drain();
      await put({ ...moved, status: 'draft', version: moved.version + 1 });
      await worker.pipeline.reviewsChanged(['old-one', 'new-one']);
      await worker.drain();
      expect(await stores.publicContent.get('old-one')).toBeUndefined();

      // A claim alone (no slug history) makes no redirect: a job for the slug finds nothing to serve.
      const other = await put(published({ slug: 'holder' }));
      await stores.reviews.claimSlug('claimed-only', other.id);
      await worker.pipeline.reviewsChanged(['claimed-only']);
      await worker.drain();
      expect(await stores.publicContent.get('claimed-only')).toBeUndefined();
    });

    it('reconciles redirects: a missing one, and one naming an outdated slug', async () => {
      const review = await put(published({ slug: 'name-a' }));
      const b = await move(review, 'name-b');
      await worker.pipeline.reviewsChanged(['name-a', 'name-b']);
      await worker.drain();
      // Moved again behind the pipeline's back: name-a still points at name-b, name-b is a document.
      await move(b, 'name-c');
      expect(await worker.pipeline.reconcile()).toBe(3);
      await worker.drain();
      expect((await stores.publicContent.get('name-a'))?.redirectTo).toBe('name-c');
      expect((await stores.publicContent.get('name-b'))?.redirectTo).toBe('name-c');
      expect((await stores.publicContent.get('name-c'))?.redirectTo).toBeUndefined();

      await stores.publicContent.delete('name-a');
      expect(await worker.pipeline.reconcile()).toBe(1);
      await worker.drain();
      expect((await stores.publicContent.get('name-a'))?.redirectTo).toBe('name-c');
      expect(await worker.pipeline.reconcile()).toBe(0);
    });
  });

  it('confirms each new index once on an eventually consistent store', async () => {
    const queued: JobRequest[] = [];
    const pipeline = createContentPipeline({
      ...stores,
      jobs: { enqueue: async (job) => void queued.push(job) },
      clock,
      confirmIndex: true,
    });
    await put(published({ slug: 'confirm-me' }));
    const index = pipeline.handlers[CONTENT_JOB.index]!;
    await index({
      id: CONTENT_JOB.index,
      type: CONTENT_JOB.index,
      payload: {},
      attempts: 1,
      enqueuedAt: clock.now(),
    });
    expect(queued.map((j) => j.id)).toContain(CONFIRM_INDEX_JOB.id);
    queued.length = 0;
    // The confirming run finds the same index: nothing moves, nothing more is queued.
    await index({ ...CONFIRM_INDEX_JOB, attempts: 1, enqueuedAt: clock.now() });
    expect(queued).toEqual([]);
  });

  it('keeps only a few superseded artifacts', async () => {
    for (let i = 0; i < 8; i++) {
      await put(published({ slug: `version-${i}` }));
      clock.advance(1000);
      await worker.pipeline.rebuildIndex();
    }
    expect(await artifactPuts(stores.blobs)).toBeLessThanOrEqual(4);
  });
});

describe('the content service on the materialised store', () => {
  it('answers an empty catalogue before any index was built', async () => {
    const page = JSON.parse((await reader().list({ limit: 20 })).json) as { total: number };
    expect(page.total).toBe(0);
    await expect(reader().get('nothing-here')).rejects.toThrow(/No published review/);
  });

  it('never renders or reads a review on a detail read: one lookup of the stored document', async () => {
    await put(published({ slug: 'looked-up' }));
    await worker.pipeline.reviewsChanged(['looked-up']);
    await worker.drain();
    const content = reader();
    for (const method of ['get', 'getBySlug', 'listPublished', 'list'] as const) {
      (stores.reviews as unknown as Record<string, unknown>)[method] = () => {
        throw new Error(`a read reached the review store (${method})`);
      };
    }
    const first = await content.get('looked-up');
    expect(JSON.parse(first.json)).toMatchObject({ slug: 'looked-up' });
    expect(first.tags).toEqual(['review:looked-up']);
    await content.list({ limit: 20, q: 'camera' });
    await content.cameras();
  });

  it('changes its generation when a document or the index changes, never on a read', async () => {
    await put(published({ slug: 'first' }));
    await worker.pipeline.reviewsChanged(['first']);
    await worker.drain();
    const content = reader();
    await content.warm();
    const start = content.generation();
    await content.get('first');
    await content.list({ limit: 20 });
    expect(content.generation()).toBe(start);

    content.documentChanged('first');
    expect(content.generation()).toBeGreaterThan(start);

    const beforeIndex = content.generation();
    await put(published({ id: 'rev_second', slug: 'second' }));
    await worker.pipeline.reviewsChanged(['second']);
    await worker.drain();
    // Told nothing, the service sees the new index at its next freshness check.
    clock.advance(60_000);
    await content.list({ limit: 20 });
    await content.warm();
    expect(content.generation()).toBeGreaterThan(beforeIndex);
    const settled = content.generation();
    await content.warm();
    expect(content.generation()).toBe(settled);
  });
});
