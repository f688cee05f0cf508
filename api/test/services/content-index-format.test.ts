import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import { createMemoryCdnPurger } from '../../src/adapters/memory/memory-cdn-purger.js';
import type { Review } from '../../src/domain/review.js';
import {
  createInProcessContentWorker,
  type InProcessContentWorker,
} from '../../src/services/content-pipeline/in-process-worker.js';
import {
  artifactKey,
  readIndexPointer,
  writeIndexPointer,
} from '../../src/services/content-pipeline/index-pointer.js';
import { createContentService } from '../../src/services/content-service.js';
import { createCursorCodec } from '../../src/services/cursor.js';
import type { Stores } from '../../src/services/service-types.js';
import { createTestClock, type TestClock } from '../support/clock.js';
import { storedReview } from '../support/review-fixtures.js';
import { createCapturingLogger } from '../support/silent-logger.js';

/** An index artifact of the previous format (JSON lines), as an older version stored it. */
const v1 = JSON.parse(
  readFileSync(
    new URL('../../src/services/content-index/fixtures/v1-artifact.json', import.meta.url),
    'utf8',
  ),
) as { entries: unknown[]; artifact: string };

let stores: Stores;
let clock: TestClock;
let worker: InProcessContentWorker;

const reader = () =>
  createContentService({
    publicContent: stores.publicContent,
    blobs: stores.blobs,
    clock,
    cursors: createCursorCodec(Buffer.alloc(32, 7)),
  });

const listed = async (content: ReturnType<typeof reader>) =>
  (JSON.parse((await content.list({ limit: 100 })).json) as { total: number }).total;

beforeEach(() => {
  clock = createTestClock();
  stores = { ...createMemoryStores(), cdn: createMemoryCdnPurger() };
  worker = createInProcessContentWorker(stores, clock, createCapturingLogger(), undefined, {
    indexDelayMs: 0,
  });
});

describe('an index artifact of an older format', () => {
  it('is served, reported outdated, and rewritten in the current format by a reconcile', async () => {
    const review: Review = storedReview({
      slug: 'in-the-store',
      status: 'published',
      publishedAt: '2026-11-20T00:00:00.000Z',
    });
    await stores.reviews.claimSlug(review.slug, review.id);
    await stores.reviews.create(review);
    // The pointer names an artifact an older version wrote (here: of other reviews).
    const bytes = Buffer.from(v1.artifact, 'utf8');
    const hash = createHash('sha256').update(bytes).digest('hex');
    await stores.blobs.put(artifactKey(hash), bytes, { contentType: 'application/octet-stream' });
    await writeIndexPointer(stores.blobs, {
      hash,
      key: artifactKey(hash),
      reviews: v1.entries.length,
      builtAt: clock.now().toISOString(),
    });

    const before = reader();
    expect(await before.warm()).toEqual({ outdated: true });
    expect(await listed(before)).toBe(v1.entries.length);

    await worker.pipeline.reconcile();
    await worker.drain();
    expect((await readIndexPointer(stores.blobs))!.hash).not.toBe(hash);
    const after = reader();
    expect(await after.warm()).toEqual({ outdated: false });
    expect(await listed(after)).toBe(1);
  });
});
